import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with nothing reaching out to the (closed) network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Collects script errors and console errors (CSP violations among them) of a page. */
export function collectErrors(page: Page, into: string[]): void {
  page.on('pageerror', (e) => into.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') into.push(m.text());
  });
}

/** Logs in through the form and waits for the live console. */
export async function logIn(page: Page, baseUrl: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(baseUrl);
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('waiting-list').waitFor();
  await page.locator('[data-testid="connection-status"][data-state="live"]').waitFor();
}

/** A page in a browser context of its own, set up as a Honduran agent's: Spanish locale, Tegucigalpa time, errors collected. */
export async function consolePage(
  browser: Browser,
  errors: string[],
  options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'es-HN',
    timezoneId: 'America/Tegucigalpa',
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  const page = await context.newPage();
  collectErrors(page, errors);
  return page;
}

/** consolePage, logged in as `user` through the form. */
export async function loggedInPage(
  browser: Browser,
  baseUrl: string,
  user: { email: string; password: string },
  errors: string[],
  options: Parameters<typeof consolePage>[2] = {},
): Promise<Page> {
  const page = await consolePage(browser, errors, options);
  await logIn(page, baseUrl, user);
  return page;
}
