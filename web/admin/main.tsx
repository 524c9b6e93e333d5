import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import './admin.css';
import { I18nProvider } from '../shared/i18n.tsx';
import { SessionProvider } from '../shared/session.tsx';
import { AdminApp } from './admin-app.tsx';

createRoot(document.getElementById('root')!).render(
  <I18nProvider>
    <SessionProvider app="admin"><AdminApp /></SessionProvider>
  </I18nProvider>,
);
