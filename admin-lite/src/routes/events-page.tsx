import { Link } from 'react-router-dom';
import { DataTable } from '../components/data-table.tsx';
import { DeleteDialog } from '../components/delete-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { EventDialog } from '../components/event-dialog.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useAudienceOptions } from '../hooks/use-audience-options.ts';
import { useCrudList } from '../hooks/use-crud-list.ts';
import { t } from '../i18n/index.ts';
import { formatDateTime } from '../lib/format.ts';
import { eventScreenPath, eventStatsPath } from '../lib/scenario-paths.ts';
import { deleteEvent, listEvents, type EventRow } from '../services/events.service.ts';
import type { AdminSession } from '../services/session.service.ts';

type Dialog = { kind: 'edit'; event?: EventRow } | { kind: 'delete'; event: EventRow };

const windowText = (from: string | null, until: string | null) => (from && until ? `${formatDateTime(from)} – ${formatDateTime(until)}` : t('common.none'));

/** 活动签到: events with their sign-in windows; each opens its 签到大屏 and 统计. */
export function EventsPage({ session, now }: { session: AdminSession; now?: Date }) {
  const orgId = session.member.org_id;
  const { list: events, dialog, setDialog, close, message, done, remove, removeRow } = useCrudList<EventRow, Dialog>(() => listEvents(orgId), [orgId], {
    remove: (event) => deleteEvent(orgId, event.id),
  });
  const audience = useAudienceOptions(orgId);

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('scenario.events.title')}</h1>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'edit' })}>
          {t('scenario.events.create')}
        </button>
      </div>
      <p className="muted">{t('scenario.events.hint')}</p>
      <SuccessNotice message={message} />
      {events.error ? <ErrorNotice error={events.error} onRetry={events.reload} /> : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <DataTable
        loading={events.loading}
        rows={events.data}
        rowKey={(e) => e.id}
        empty={t('scenario.events.empty')}
        columns={[
          { header: t('scenario.events.titleLabel'), cell: (e) => e.title },
          { header: t('scenario.events.kind'), cell: (e) => t(`scenario.kind.${e.kind}`) },
          { header: t('scenario.events.signIn'), cell: (e) => windowText(e.sign_in_from, e.sign_in_until) },
          { header: t('scenario.events.signOut'), cell: (e) => windowText(e.sign_out_from, e.sign_out_until) },
          { header: t('scenario.events.location'), cell: (e) => e.location_name ?? t('common.none') },
          { header: t('scenario.events.geofence'), cell: (e) => (e.radius_m === null ? t('scenario.events.noGeofence') : t('scenario.events.radiusText', { m: e.radius_m })) },
          {
            header: t('common.actions'),
            cell: (e) => (
              <>
                <Link className="button button--ghost button--small" to={eventScreenPath(e.id)}>
                  {t('scenario.events.screen')}
                </Link>
                <Link className="button button--ghost button--small" to={eventStatsPath(e.id)}>
                  {t('scenario.events.stats')}
                </Link>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'edit', event: e })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog({ kind: 'delete', event: e })}>
                  {t('common.delete')}
                </button>
              </>
            ),
          },
        ]}
      />
      {dialog?.kind === 'edit' ? (
        <EventDialog
          orgId={orgId}
          event={dialog.event}
          departmentOptions={audience.departments}
          tags={audience.tags}
          now={now}
          onCancel={close}
          onDone={(row) => done(t('scenario.events.saved', { name: row.title }))}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteDialog
          title={t('scenario.events.deleteTitle', { name: dialog.event.title })}
          busy={remove.busy}
          onCancel={close}
          onConfirm={() => void removeRow(dialog.event, t('scenario.events.deleted', { name: dialog.event.title }))}
        >
          <p>{t('scenario.events.deleteBody')}</p>
        </DeleteDialog>
      ) : null}
    </div>
  );
}
