import { useState } from 'react';
import { AppShell } from '../shared/components/app-shell.tsx';
import { Empty } from '../shared/components/ui.tsx';
import { useI18n } from '../shared/i18n.tsx';
import { useSession } from '../shared/session.tsx';
import { AnalyticsPage } from './analytics-page.tsx';
import { IntentsPage } from './intents-page.tsx';
import { KnowledgePage } from './knowledge-page.tsx';
import { LearningPage } from './learning-page.tsx';
import { ProactivePage } from './proactive-page.tsx';
import { SettingsPage } from './settings-page.tsx';
import { IntegrationsPage, TeamPage } from './team-page.tsx';

type Tab = 'settings' | 'knowledge' | 'learning' | 'intents' | 'team' | 'integrations' | 'analytics' | 'proactive';

/** Admin: tenant settings and widget, knowledge base, team, API keys and webhooks. Analytics, knowledge gaps and intents (issue 10) add tabs. */
export function AdminApp() {
  const { t } = useI18n();
  const { user } = useSession();
  const [tab, setTab] = useState<Tab>(() => (location.hash.slice(1) as Tab) || 'settings');
  const go = (next: Tab) => {
    location.hash = next;
    setTab(next);
  };
  const labels: Record<Tab, string> = { settings: t.settings, knowledge: t.knowledge, learning: t.learning, intents: t.intents, team: t.team, integrations: `${t.apiKeys} · ${t.webhooks}`, analytics: t.analytics, proactive: t.proactive };
  const nav = (Object.keys(labels) as Tab[]).map((key) => <button key={key} className={`tab${tab === key ? ' active' : ''}`} data-tab={key} onClick={() => go(key)}>{labels[key]}</button>);
  return (
    <AppShell title={t.appAdmin} nav={nav}>
      <main className="admin"><div className="admin-grid">
        {tab === 'analytics' && user.role !== 'agent' ? <AnalyticsPage /> : tab === 'proactive' && user.role !== 'agent' ? <ProactivePage /> : tab === 'learning' && user.role !== 'agent' ? <LearningPage /> : tab === 'intents' && user.role !== 'agent' ? <IntentsPage /> : user.role !== 'admin' ? <Empty>{t.adminOnly}</Empty>
          : tab === 'settings' ? <SettingsPage /> : tab === 'knowledge' ? <KnowledgePage /> : tab === 'team' ? <TeamPage /> : <IntegrationsPage />}
      </div></main>
    </AppShell>
  );
}
