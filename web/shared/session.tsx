import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from './api-client.ts';
import type { User } from './api-types.ts';
import { LoginPage } from './components/login-page.tsx';

interface Session { api: ApiClient; user: User; tenantName: string }
const SessionContext = createContext<Session | null>(null);
const api = createApiClient();

/** Signs the user in (login page) and provides the API client and the signed-in user to the app. */
export function SessionProvider({ app, children }: { app: 'console' | 'admin'; children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(!!api.token);
  useEffect(() => {
    const stop = api.onSignedOut(() => setSession(null));
    return () => void stop();
  }, []);
  useEffect(() => {
    if (!api.token) return;
    api.me().then((me) => setSession({ api, user: me.user, tenantName: me.tenantName })).catch(() => {}).finally(() => setChecking(false));
  }, []);
  if (checking) return null;
  if (!session) return <LoginPage app={app} onLogin={async (email, password) => {
    await api.login(email, password);
    const me = await api.me();
    setSession({ api, user: me.user, tenantName: me.tenantName });
  }} />;
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
