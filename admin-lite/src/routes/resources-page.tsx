import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DataTable } from '../components/data-table.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ResourceDialog } from '../components/resource-dialog.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { useAudienceOptions } from '../hooks/use-audience-options.ts';
import { t } from '../i18n/index.ts';
import { describeOpenHours } from '../lib/open-hours.ts';
import { deleteResource, listResources, saveResource, type ResourceRow } from '../services/resources.service.ts';
import type { AdminSession } from '../services/session.service.ts';
import { audienceText } from './registration-points-page.tsx';

type Dialog = { kind: 'edit'; resource?: ResourceRow } | { kind: 'delete'; resource: ResourceRow };

/** 资源预约: rooms, devices and spaces members can book; bookings are on the next page. */
export function ResourcesPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const resources = useAsync(() => listResources(orgId), [orgId]);
  const audience = useAudienceOptions(orgId);
  const [dialog, setDialog] = useState<Dialog>();
  const [message, setMessage] = useState<string>();
  const remove = useAction((r: ResourceRow) => deleteResource(orgId, r.id));
  const toggle = useAction((r: ResourceRow) => saveResource(orgId, r.id, { active: !r.active }));

  const onToggle = async (r: ResourceRow) => {
    const outcome = await toggle.run(r);
    if (outcome.ok) {
      setMessage(t(outcome.value.active ? 'scenario.res.activated' : 'scenario.res.deactivated', { name: r.name }));
      resources.reload();
    }
  };

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('scenario.res.title')}</h1>
        <div className="form-actions">
          <Link className="button button--ghost" to={ROUTES.resourceBookings}>
            {t('scenario.bookings.title')}
          </Link>
          <button type="button" className="button" onClick={() => setDialog({ kind: 'edit' })}>
            {t('scenario.res.create')}
          </button>
        </div>
      </div>
      {message ? (
        <p className="notice notice--success" role="status">
          {message}
        </p>
      ) : null}
      {[resources.error, remove.error, toggle.error].map((error, i) => (error ? <ErrorNotice key={i} error={error} /> : null))}
      <DataTable
        loading={resources.loading}
        rows={resources.data}
        rowKey={(r) => r.id}
        empty={t('scenario.res.empty')}
        columns={[
          { header: t('scenario.res.name'), cell: (r) => r.name },
          { header: t('scenario.res.kind'), cell: (r) => t(`scenario.resKind.${r.kind}`) },
          { header: t('scenario.res.location'), cell: (r) => r.location ?? t('common.none') },
          { header: t('scenario.res.capacity'), cell: (r) => r.capacity },
          { header: t('scenario.hours.title'), cell: (r) => describeOpenHours(r.open_hours) },
          { header: t('scenario.res.rules'), cell: (r) => `${r.requires_approval ? t('scenario.res.needsApproval') : t('scenario.res.noApproval')} · ${t('scenario.res.maxHoursText', { n: r.max_hours })}` },
          { header: t('scenario.res.audience'), cell: (r) => audienceText(r.audience) },
          { header: t('pay.status'), cell: (r) => (r.active ? t('pay.active') : t('pay.inactive')) },
          {
            header: t('common.actions'),
            cell: (r) => (
              <>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'edit', resource: r })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="button button--ghost button--small" disabled={toggle.busy} onClick={() => void onToggle(r)}>
                  {r.active ? t('pay.deactivate') : t('pay.activate')}
                </button>
                <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog({ kind: 'delete', resource: r })}>
                  {t('common.delete')}
                </button>
              </>
            ),
          },
        ]}
      />
      {dialog?.kind === 'edit' ? (
        <ResourceDialog
          orgId={orgId}
          resource={dialog.resource}
          departmentOptions={audience.departments}
          tags={audience.tags}
          onCancel={() => setDialog(undefined)}
          onDone={(row) => {
            setDialog(undefined);
            setMessage(t('scenario.res.saved', { name: row.name }));
            resources.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('scenario.res.deleteTitle', { name: dialog.resource.name })}
          confirmLabel={t('common.delete')}
          busyLabel={t('common.deleting')}
          busy={remove.busy}
          danger
          onCancel={() => setDialog(undefined)}
          onConfirm={() =>
            void remove.run(dialog.resource).then((outcome) => {
              setDialog(undefined);
              if (outcome.ok) {
                setMessage(t('scenario.res.deleted', { name: dialog.resource.name }));
                resources.reload();
              }
            })
          }
        >
          <p>{t('scenario.res.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
