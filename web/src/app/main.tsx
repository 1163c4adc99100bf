import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { addCatalogue, createI18n } from '../shared/i18n/i18n';
import { LanguageProvider, readTabLanguage } from '../shared/i18n/language-context';
import { dutch, loadCatalogue } from './catalogues';
import { routes } from './routes';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const language = readTabLanguage();
const i18n = createI18n('nl', { nl: dutch });
const router = createBrowserRouter(routes);

function render(container: HTMLElement) {
  createRoot(container).render(
    <StrictMode>
      <LanguageProvider i18n={i18n} loadCatalogue={loadCatalogue}>
        <RouterProvider router={router} />
      </LanguageProvider>
    </StrictMode>,
  );
}

// A tab that chose English earlier starts in English, without a flash of Dutch.
if (language === 'nl') render(root);
else
  void loadCatalogue(language)
    .then(async (catalogue) => {
      addCatalogue(i18n, language, catalogue);
      await i18n.changeLanguage(language);
      document.documentElement.lang = language;
    })
    .finally(() => render(root));
