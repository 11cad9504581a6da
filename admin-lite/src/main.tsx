// Start-up: load and validate the runtime config, create the backend client,
// then mount the router. A bad config gets a clear screen, not a blank page.
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { AppRoutes } from './app-routes.tsx';
import { ConfigErrorScreen } from './components/config-error-screen.tsx';
import { t } from './i18n/index.ts';
import { defaultEnvJsonUrl, loadRuntimeConfig, RuntimeConfigError, type RuntimeConfig } from './services/runtime-config.service.ts';
import { initBackend } from './services/supabase-client.ts';
import './styles/app.css';

type Boot = { state: 'loading' } | { state: 'ready'; config: RuntimeConfig } | { state: 'failed'; detail: string };

function Root() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  const start = useCallback(() => {
    setBoot({ state: 'loading' });
    loadRuntimeConfig({ env: import.meta.env, envJsonUrl: defaultEnvJsonUrl() }).then(
      (config) => {
        initBackend(config);
        setBoot({ state: 'ready', config });
      },
      (error: unknown) => {
        const detail = error instanceof RuntimeConfigError ? error.detail : String(error);
        setBoot({ state: 'failed', detail });
      },
    );
  }, []);

  useEffect(start, [start]);

  if (boot.state === 'loading') return <div className="center-screen muted">{t('config.loading')}</div>;
  if (boot.state === 'failed') return <ConfigErrorScreen detail={boot.detail} onRetry={start} />;
  return (
    // Browser routing under /admin/; the gateway falls back to index.html for deep links.
    <BrowserRouter basename={import.meta.env.BASE_URL.replace(/\/$/, '')}>
      <AppRoutes localMode={boot.config.localMode} />
    </BrowserRouter>
  );
}

document.title = t('app.title');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
