import type { ReactNode } from 'react';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';
import { Button } from './ui.tsx';

/** Top bar (brand, navigation, connection state, language, user) around a page. */
export function AppShell({ title, nav, status, children }: { title: string; nav?: ReactNode; status?: ReactNode; children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { api, user, tenantName } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand"><span className="brand-mark small" aria-hidden="true">灵</span><strong>灵犀 Lingxi</strong><span className="muted">{title} · {tenantName}</span></div>
        <nav className="topnav">{nav}</nav>
        <div className="topbar-right">
          {status}
          <Button variant="ghost" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>{t.language}</Button>
          <span className="user-chip" title={user.email}>{user.name} · {user.role}</span>
          <Button variant="ghost" onClick={() => api.logout()}>{t.signOut}</Button>
        </div>
      </header>
      {children}
    </div>
  );
}
