import { Link } from 'react-router-dom';
import { DataTable } from '../components/data-table.tsx';
import { DeleteDialog } from '../components/delete-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ResourceDialog } from '../components/resource-dialog.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { ROUTES } from '../constants/routes.ts';
import { useActiveToggle } from '../hooks/use-active-toggle.ts';
import { useAudienceOptions } from '../hooks/use-audience-options.ts';
import { useCrudList } from '../hooks/use-crud-list.ts';
import { t } from '../i18n/index.ts';
import { describeOpenHours } from '../lib/open-hours.ts';
import { deleteResource, listResources, saveResource, type ResourceRow } from '../services/resources.service.ts';
import type { AdminSession } from '../services/session.service.ts';
import { audienceText } from './registration-points-page.tsx';

type Dialog = { kind: 'edit'; resource?: ResourceRow } | { kind: 'delete'; resource: ResourceRow };

/** 资源预约: rooms, devices and spaces members can book; bookings are on the next page. */
export function ResourcesPage({ session }: { session: AdminSession }) {
  const orgId = session.member.org_id;
  const { list: resources, dialog, setDialog, close, message, refresh, done, remove, removeRow } = useCrudList<ResourceRow, Dialog>(() => listResources(orgId), [orgId], {
    remove: (r) => deleteResource(orgId, r.id),
  });
  const audience = useAudienceOptions(orgId);

  const toggle = useActiveToggle((r: ResourceRow, active: boolean) => saveResource(orgId, r.id, { active }), (active, r) => refresh(t(active ? 'scenario.res.activated' : 'scenario.res.deactivated', { name: r.name })));

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
      <SuccessNotice message={message} />
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
                <button type="button" className="button button--ghost button--small" disabled={toggle.busy} onClick={() => void toggle.run(r)}>
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
          onCancel={close}
          onDone={(row) => done(t('scenario.res.saved', { name: row.name }))}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteDialog
          title={t('scenario.res.deleteTitle', { name: dialog.resource.name })}
          busy={remove.busy}
          onCancel={close}
          onConfirm={() => void removeRow(dialog.resource, t('scenario.res.deleted', { name: dialog.resource.name }))}
        >
          <p>{t('scenario.res.deleteBody')}</p>
        </DeleteDialog>
      ) : null}
    </div>
  );
}
