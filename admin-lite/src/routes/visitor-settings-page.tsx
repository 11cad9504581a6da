import { useState } from 'react';
import { ErrorNotice } from '../components/error-notice.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { VisitorSettingsForm } from '../components/visitor-settings-form.tsx';
import { VisitorSites } from '../components/visitor-sites.tsx';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { getVisitorSettings } from '../services/visitor-settings.service.ts';
import type { AdminSession } from '../services/session.service.ts';

/** 访客设置: the org's visitor settings, then its sites and their admins. */
export function VisitorSettingsPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const settings = useAsync(() => getVisitorSettings(orgId), [orgId]);
  const [message, setMessage] = useState<string>();
  return (
    <div className="page page--form">
      <h1 className="page__title">{t('visitor.settings.title')}</h1>
      <SuccessNotice message={message} />
      {settings.error ? <ErrorNotice error={settings.error} onRetry={settings.reload} /> : null}
      {settings.data ? (
        <VisitorSettingsForm key={settings.data.org_id} orgId={orgId} settings={settings.data} onSaved={() => setMessage(t('visitor.settings.saved'))} />
      ) : settings.loading ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
      <VisitorSites orgId={orgId} onMessage={setMessage} />
    </div>
  );
}
