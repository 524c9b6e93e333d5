import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import './console.css';
import { I18nProvider } from '../shared/i18n.tsx';
import { SessionProvider } from '../shared/session.tsx';
import { ConsoleApp } from './console-app.tsx';

createRoot(document.getElementById('root')!).render(
  <I18nProvider>
    <SessionProvider app="console"><ConsoleApp /></SessionProvider>
  </I18nProvider>,
);
