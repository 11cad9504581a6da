import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { addSiteAdmin, listSiteAdmins, removeSiteAdmin, type SiteAdminRow, type SiteRow } from '../services/visitor-settings.service.ts';
import { DataTable } from './data-table.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { MemberSelect } from './member-select.tsx';

/** 地点管理员 of a site: who they are, add one (member search), remove one. */
export function SiteAdmins({ orgId, site, onMessage }: { orgId: string; site: SiteRow; onMessage: (message: string) => void }) {
  const admins = useAsync(() => listSiteAdmins(orgId, site.id), [orgId, site.id]);
  const [pick, setPick] = useState({ id: '', name: '' });
  const add = useAction((memberId: string) => addSiteAdmin(orgId, site.id, memberId));
  const remove = useAction((row: SiteAdminRow) => removeSiteAdmin(orgId, site.id, row.member_id));

  const onAdd = async () => {
    const outcome = await add.run(pick.id);
    if (outcome.ok) {
      onMessage(t('visitor.siteAdmins.added', { name: pick.name }));
      setPick({ id: '', name: '' });
      admins.reload();
    }
  };
  const onRemove = async (row: SiteAdminRow) => {
    const outcome = await remove.run(row);
    if (outcome.ok) {
      onMessage(t('visitor.siteAdmins.removed', { name: row.name ?? row.member_id }));
      admins.reload();
    }
  };

  const title = t('visitor.siteAdmins.title', { name: site.name });
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <p className="muted">{t('visitor.siteAdmins.hint')}</p>
      {admins.error ? <ErrorNotice error={admins.error} onRetry={admins.reload} /> : null}
      {add.error ? <ErrorNotice error={add.error} /> : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <div className="toolbar__filters">
        <MemberSelect orgId={orgId} value={pick.id} onChange={(id, name) => setPick({ id, name })} />
        <button type="button" className="button button--small" disabled={!pick.id || add.busy} onClick={() => void onAdd()}>
          {t('visitor.siteAdmins.add')}
        </button>
      </div>
      <DataTable
        loading={admins.loading}
        rows={admins.data}
        rowKey={(a) => a.member_id}
        empty={t('visitor.siteAdmins.empty')}
        columns={[
          { header: t('pay.member'), cell: (a) => a.name ?? t('pay.tx.unknownMember') },
          { header: t('pay.tx.employeeNo'), cell: (a) => a.employee_no ?? t('common.none') },
          {
            header: t('common.actions'),
            cell: (a) => (
              <button type="button" className="button button--ghost button--small button--danger-text" disabled={remove.busy} onClick={() => void onRemove(a)}>
                {t('common.remove')}
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}
