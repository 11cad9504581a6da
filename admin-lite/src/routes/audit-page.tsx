import { AuditVerifyButton } from '../components/audit-verify-button.tsx';
import { t } from '../i18n/index.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import type { AdminSession } from '../services/session.service.ts';

/** 审计日志 (设置, super admins): verifies the org's tamper-evident audit chain. */
export function AuditPage({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  return (
    <div className="page">
      <h1 className="page__title">{t('audit.title')}</h1>
      {profile.is_super ? (
        <section className="card">
          <p className="muted">{t('audit.hint')}</p>
          <AuditVerifyButton orgId={session.member.org_id} />
        </section>
      ) : (
        <div className="notice notice--warn" role="alert">
          {t('audit.superOnly')}
        </div>
      )}
    </div>
  );
}
