import { useState, type FormEvent } from 'react';
import type { UserDto } from '../../../src/contracts/index.js';
import { HttpError, api } from '../api.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useI18n, type Messages } from '../i18n.js';

interface Props {
  onSignedIn: (user: UserDto) => void;
  sessionExpired: boolean;
}

function errorText(err: unknown, t: Messages): string {
  if (!(err instanceof HttpError)) return t.login.network;
  if (err.code === 'invalid_credentials') return t.login.invalidCredentials;
  if (err.code === 'account_locked') return t.login.accountLocked;
  if (err.code === 'rate_limited' || err.status === 429) return t.login.rateLimited;
  if (err.status === 0) return t.login.network;
  return err.message || t.login.network;
}

export function LoginPage({ onSignedIn, sessionExpired }: Props) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const { user } = await api.login({ email: email.trim(), password });
      onSignedIn(user);
    } catch (err) {
      setError(err);
      setPending(false);
    }
  };

  return (
    <div className="login-screen">
      <div className="login-lang"><LanguageSwitch /></div>
      <main className="login-card">
        <h1 className="login-brand">{t.appName}</h1>
        <p className="login-subtitle">{t.login.subtitle}</p>
        <h2 className="login-title">{t.login.title}</h2>
        {sessionExpired && !error && <p className="notice" role="status">{t.login.sessionExpired}</p>}
        <form onSubmit={submit} className="login-form">
          <label htmlFor="login-email">{t.login.email}</label>
          <input
            id="login-email"
            data-testid="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'login-error' : undefined}
          />
          <label htmlFor="login-password">{t.login.password}</label>
          <input
            id="login-password"
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'login-error' : undefined}
          />
          {error !== null && (
            <p id="login-error" className="alert" role="alert" data-testid="login-error">
              {errorText(error, t)}
            </p>
          )}
          <button type="submit" className="button button-primary" data-testid="login-submit" disabled={pending}>
            {pending ? t.login.submitting : t.login.submit}
          </button>
        </form>
      </main>
    </div>
  );
}
