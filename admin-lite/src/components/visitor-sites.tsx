import { useState } from 'react';
import { useCrudList } from '../hooks/use-crud-list.ts';
import { t } from '../i18n/index.ts';
import { deleteSite, listSites, type SiteRow } from '../services/visitor-settings.service.ts';
import { DataTable } from './data-table.tsx';
import { DeleteDialog } from './delete-dialog.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { SiteAdmins } from './site-admins.tsx';
import { SiteDialog } from './site-dialog.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit'; site: SiteRow } | { kind: 'delete'; site: SiteRow };

/** 到访地点: sites (name, address, active), and the admins of the selected one. */
export function VisitorSites({ orgId, onMessage }: { orgId: string; onMessage: (message: string) => void }) {
  const { list: sites, dialog, setDialog, close, done, remove, removeRow, cancelRemove } = useCrudList<SiteRow, Dialog>(() => listSites(orgId), [orgId], {
    remove: (site) => deleteSite(orgId, site.id),
    onMessage,
  });
  const [selectedId, setSelectedId] = useState<string>();
  const selected = sites.data?.find((s) => s.id === selectedId);

  const onDelete = async (site: SiteRow) => {
    const outcome = await removeRow(site, t('visitor.sites.deleted', { name: site.name }), { keepOpenOnError: true });
    if (outcome.ok && selectedId === site.id) setSelectedId(undefined);
  };

  return (
    <section aria-label={t('visitor.sites.title')}>
      <div className="toolbar">
        <h2>{t('visitor.sites.title')}</h2>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'create' })}>
          {t('visitor.sites.create')}
        </button>
      </div>
      <p className="muted">{t('visitor.sites.hint')}</p>
      {sites.error ? <ErrorNotice error={sites.error} onRetry={sites.reload} /> : null}
      <DataTable
        loading={sites.loading}
        rows={sites.data}
        rowKey={(s) => s.id}
        empty={t('visitor.sites.empty')}
        columns={[
          { header: t('visitor.sites.name'), cell: (s) => s.name },
          { header: t('visitor.sites.address'), cell: (s) => s.address ?? t('common.none') },
          { header: t('visitor.sites.status'), cell: (s) => (s.active ? t('visitor.sites.active') : t('visitor.sites.inactive')) },
          {
            header: t('common.actions'),
            cell: (s) => (
              <>
                <button type="button" className="button button--ghost button--small" onClick={() => setDialog({ kind: 'edit', site: s })}>
                  {t('common.edit')}
                </button>
                <button type="button" className="button button--ghost button--small" aria-pressed={s.id === selectedId} onClick={() => setSelectedId(s.id)}>
                  {t('visitor.sites.admins')}
                </button>
                <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog({ kind: 'delete', site: s })}>
                  {t('common.delete')}
                </button>
              </>
            ),
          },
        ]}
      />
      {selected ? <SiteAdmins orgId={orgId} site={selected} onMessage={onMessage} /> : null}
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <SiteDialog
          orgId={orgId}
          site={dialog.kind === 'edit' ? dialog.site : undefined}
          onCancel={close}
          onDone={(row) => done(t('visitor.sites.saved', { name: row.name }))}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteDialog title={t('visitor.sites.deleteTitle')} busy={remove.busy} error={remove.error} onCancel={cancelRemove} onConfirm={() => void onDelete(dialog.site)}>
          <p>{t('visitor.sites.deleteBody', { name: dialog.site.name })}</p>
        </DeleteDialog>
      ) : null}
    </section>
  );
}
