import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DataTable } from '../components/data-table.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { RegCodeDialog } from '../components/reg-code-dialog.tsx';
import { RegistrationPointDialog } from '../components/registration-point-dialog.tsx';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { useAudienceOptions } from '../hooks/use-audience-options.ts';
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
  const points = useAsync(() => listRegistrationPoints(orgId), [orgId]);
  const audience = useAudienceOptions(orgId);
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const remove = useAction((point: RegistrationPointRow) => deleteRegistrationPoint(orgId, point.id));
  const toggle = useAction((point: RegistrationPointRow) => saveRegistrationPoint(orgId, point.id, { active: !point.active }));

  const onToggle = async (point: RegistrationPointRow) => {
    const outcome = await toggle.run(point);
    if (outcome.ok) {
      setMessage(t(outcome.value.active ? 'scenario.reg.activated' : 'scenario.reg.deactivated', { name: point.name }));
      points.reload();
    }
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('scenario.reg.title')}</h1>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'edit' })}>
          {t('scenario.reg.create')}
        </button>
      </div>
      <p className="muted">{t('scenario.reg.hint')}</p>
      {message ? (
        <p className="notice notice--success" role="status">
          {message}
        </p>
      ) : null}
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
                <button type="button" className="button button--ghost button--small" disabled={toggle.busy} onClick={() => void onToggle(p)}>
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
          onCancel={() => setDialog(undefined)}
          onDone={(row) => {
            setDialog(undefined);
            setMessage(t('scenario.reg.saved', { name: row.name }));
            points.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'code' ? <RegCodeDialog point={dialog.point} onClose={() => setDialog(undefined)} /> : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('scenario.reg.deleteTitle', { name: dialog.point.name })}
          confirmLabel={t('common.delete')}
          busyLabel={t('common.deleting')}
          busy={remove.busy}
          danger
          onCancel={() => setDialog(undefined)}
          onConfirm={() =>
            void remove.run(dialog.point).then((outcome) => {
              setDialog(undefined);
              if (outcome.ok) {
                setMessage(t('scenario.reg.deleted', { name: dialog.point.name }));
                points.reload();
              }
            })
          }
        >
          <p>{t('scenario.reg.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
