import { useState } from 'react';
import { useI18n } from '../i18n.tsx';
import { Button, ErrorText, Field } from './ui.tsx';

/** The sign-in form of the console and admin. */
export function LoginPage({ app, onLogin }: { app: 'console' | 'admin'; onLogin(email: string, password: string): Promise<void> }) {
  const { t, locale, setLocale } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <main className="login">
      <form className="login-card" onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        setError(null);
        onLogin(email, password).catch(setError).finally(() => setBusy(false));
      }}>
        <div className="brand-mark" aria-hidden="true">灵</div>
        <h1>{t.signInTitle}</h1>
        <p className="muted">{app === 'console' ? t.appConsole : t.appAdmin}</p>
        <Field label={t.email}><input name="email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} /></Field>
        <Field label={t.password}><input name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} /></Field>
        <ErrorText error={error} />
        <Button type="submit" variant="primary" disabled={busy}>{busy ? t.signingIn : t.signIn}</Button>
        <p className="hint">{t.signInHint}</p>
        <Button variant="ghost" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>{t.language}</Button>
      </form>
    </main>
  );
}
