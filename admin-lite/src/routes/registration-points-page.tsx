import { Link } from 'react-router-dom';
import { DataTable } from '../components/data-table.tsx';
import { DeleteDialog } from '../components/delete-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { RegCodeDialog } from '../components/reg-code-dialog.tsx';
import { RegistrationPointDialog } from '../components/registration-point-dialog.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useActiveToggle } from '../hooks/use-active-toggle.ts';
import { useAudienceOptions } from '../hooks/use-audience-options.ts';
import { useCrudList } from '../hooks/use-crud-list.ts';
import { t } from '../i18n/index.ts';
import { registrationRecordsPath } from '../lib/scenario-paths.ts';
import { deleteRegistrationPoint, listRegistrationPoints, saveRegistrationPoint, type RegistrationPointRow } from '../services/registration.service.ts';
import type { ScenarioAudience } from '../services/scenario-common.ts';
import type { AdminSession } from '../services/session.service.ts';

type Dialog = { kind: 'edit'; point?: RegistrationPointRow } | { kind: 'code'; point: RegistrationPointRow } | { kind: 'delete'; point: RegistrationPointRow };

export const audienceText = (a: ScenarioAudience) =>
  a.departments?.length || a.tags?.length || a.identities?.length || a.members?.length
    ? t('scenario.audienceSome', { d: a.departments?.length ?? 0, t: a.tags?.length ?? 0, i: a.identities?.join('、') || 0, m: a.members?.length ?? 0 })
    : t('pay.audience.everyone');

/** 实名登记: registration points (form, audience), their QR codes and records. */
export function RegistrationPointsPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const { list: points, dialog, setDialog, close, message, refresh, done, remove, removeRow } = useCrudList<RegistrationPointRow, Dialog>(() => listRegistrationPoints(orgId), [orgId], {
    remove: (point) => deleteRegistrationPoint(orgId, point.id),
  });
  const audience = useAudienceOptions(orgId);

  const toggle = useActiveToggle((point: RegistrationPointRow, active: boolean) => saveRegistrationPoint(orgId, point.id, { active }), (active, point) => refresh(t(active ? 'scenario.reg.activated' : 'scenario.reg.deactivated', { name: point.name })));

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('scenario.reg.title')}</h1>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'edit' })}>
          {t('scenario.reg.create')}
        </button>
      </div>
      <p className="muted">{t('scenario.reg.hint')}</p>
      <SuccessNotice message={message} />
      {[points.error, remove.error, toggle.error].map((error, i) => (error ? <ErrorNotice key={i} error={error} /> : null))}
      <DataTable
        loading={points.loading}
        rows={points.data}
        rowKey={(p) => p.id}
        empty={t('scenario.reg.empty')}
        columns={[
          { header: t('scenario.reg.name'), cell: (p) => p.name },
          { header: t('scenario.reg.purpose'), cell: (p) => p.purpose ?? t('common.none') },
          { header: t('scenario.reg.fields'), cell: (p) => p.form.fields.map((f) => f.label).join(t('common.listSeparator')) || t('common.none') },
          { header: t('scenario.reg.audience'), cell: (p) => audienceText(p.audience) },
          { header: t('pay.status'), cell: (p) => (p.active ? t('pay.active') : t('pay.inactive')) },
          {
            header: t('common.actions'),
            cell: (p) => (
              <>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'code', point: p })}>
                  {t('scenario.reg.code')}
                </button>
                <Link className="button button--ghost button--small" to={registrationRecordsPath(p.id)}>
                  {t('scenario.reg.records')}
                </Link>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'edit', point: p })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="button button--ghost button--small" disabled={toggle.busy} onClick={() => void toggle.run(p)}>
                  {p.active ? t('pay.deactivate') : t('pay.activate')}
                </button>
                <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog({ kind: 'delete', point: p })}>
                  {t('common.delete')}
                </button>
              </>
            ),
          },
        ]}
      />
      {dialog?.kind === 'edit' ? (
        <RegistrationPointDialog
          orgId={orgId}
          point={dialog.point}
          departmentOptions={audience.departments}
          tags={audience.tags}
          onCancel={close}
          onDone={(row) => done(t('scenario.reg.saved', { name: row.name }))}
        />
      ) : null}
      {dialog?.kind === 'code' ? <RegCodeDialog point={dialog.point} onClose={close} /> : null}
      {dialog?.kind === 'delete' ? (
        <DeleteDialog
          title={t('scenario.reg.deleteTitle', { name: dialog.point.name })}
          busy={remove.busy}
          onCancel={close}
          onConfirm={() => void removeRow(dialog.point, t('scenario.reg.deleted', { name: dialog.point.name }))}
        >
          <p>{t('scenario.reg.deleteBody')}</p>
        </DeleteDialog>
      ) : null}
    </div>
  );
}
