import { useCrudList } from '../hooks/use-crud-list.ts';
import { t } from '../i18n/index.ts';
import { deleteCustomApp, listCustomApps, type CustomAppRow } from '../services/apps.service.ts';
import { mediaUrl } from '../services/cards.service.ts';
import { CustomAppDialog } from './custom-app-dialog.tsx';
import { DataTable } from './data-table.tsx';
import { DeleteDialog } from './delete-dialog.tsx';
import { ErrorNotice } from './error-notice.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit'; app: CustomAppRow } | { kind: 'delete'; app: CustomAppRow };

export const linkSummary = (row: Pick<CustomAppRow, 'link_type' | 'url' | 'mp_appid' | 'mp_path'>) =>
  row.link_type === 'h5' ? row.url ?? '' : `${t('portal.link.miniprogram')} ${row.mp_appid ?? ''}${row.mp_path ? ` ${row.mp_path}` : ''}`;

/** 自建应用: the org's own apps (logo, name, link, enabled), create / edit / delete. */
export function CustomApps({ orgId, onMessage }: { orgId: string; onMessage: (message: string) => void }) {
  const { list: apps, dialog, setDialog, close, done, remove, removeRow, cancelRemove } = useCrudList<CustomAppRow, Dialog>(() => listCustomApps(orgId), [orgId], {
    remove: (app) => deleteCustomApp(orgId, app.id),
    onMessage,
  });

  return (
    <section aria-label={t('portal.custom.title')}>
      <div className="toolbar">
        <h2>{t('portal.custom.title')}</h2>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'create' })}>
          {t('portal.custom.create')}
        </button>
      </div>
      <p className="muted">{t('portal.custom.hint')}</p>
      {apps.error ? <ErrorNotice error={apps.error} onRetry={apps.reload} /> : null}
      <DataTable
        loading={apps.loading}
        rows={apps.data}
        rowKey={(a) => a.id}
        empty={t('portal.custom.empty')}
        columns={[
          { header: t('portal.custom.logo'), cell: (a) => (a.logo_media_id ? <img className="app-tile__logo" src={mediaUrl(a.logo_media_id)} alt="" /> : t('common.none')) },
          { header: t('portal.custom.name'), cell: (a) => a.name },
          { header: t('portal.custom.link'), cell: (a) => <span className="mono">{linkSummary(a)}</span> },
          { header: t('portal.custom.status'), cell: (a) => (a.enabled ? t('portal.status.enabled') : t('portal.status.disabled')) },
          {
            header: t('common.actions'),
            cell: (a) => (
              <>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'edit', app: a })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog({ kind: 'delete', app: a })}>
                  {t('common.delete')}
                </button>
              </>
            ),
          },
        ]}
      />
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <CustomAppDialog
          orgId={orgId}
          app={dialog.kind === 'edit' ? dialog.app : undefined}
          onCancel={close}
          onDone={(row) => done(t('portal.custom.saved', { name: row.name }))}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteDialog
          title={t('portal.custom.deleteTitle')}
          busy={remove.busy}
          error={remove.error}
          onCancel={cancelRemove}
          onConfirm={() => void removeRow(dialog.app, t('portal.custom.deleted', { name: dialog.app.name }), { keepOpenOnError: true })}
        >
          <p>{t('portal.custom.deleteBody', { name: dialog.app.name })}</p>
        </DeleteDialog>
      ) : null}
    </section>
  );
}
