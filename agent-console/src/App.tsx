import { useEffect, useState } from 'react';
import type { UserDto } from '../../src/contracts/index.js';
import { api } from './api.js';
import { useI18n } from './i18n.js';
import { LoginPage } from './pages/LoginPage.js';
import { ConsolePage } from './pages/ConsolePage.js';

type Auth =
  | { kind: 'checking' }
  | { kind: 'signed-out'; expired: boolean }
  | { kind: 'signed-in'; user: UserDto };

export function App() {
  const { t } = useI18n();
  const [auth, setAuth] = useState<Auth>({ kind: 'checking' });

  useEffect(() => {
    let cancelled = false;
    // Any failure (401, server down) lands on the login form; it reports its own errors.
    api.me()
      .then(({ user }) => !cancelled && setAuth({ kind: 'signed-in', user }))
      .catch(() => !cancelled && setAuth({ kind: 'signed-out', expired: false }));
    return () => { cancelled = true; };
  }, []);

  if (auth.kind === 'checking') return <p className="splash" role="status">{t.loading}</p>;
  if (auth.kind === 'signed-out') {
    return <LoginPage sessionExpired={auth.expired} onSignedIn={(user) => setAuth({ kind: 'signed-in', user })} />;
  }
  return (
    <ConsolePage
      key={auth.user.id}
      user={auth.user}
      onSignedOut={(expired) => setAuth({ kind: 'signed-out', expired })}
    />
  );
}
