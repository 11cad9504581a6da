import { useMemo, useState } from 'react';
import { builtinApp } from '@yima/shared/portal/apps';
import { AdminGroupDialog } from '../components/admin-group-dialog.tsx';
import { DataTable } from '../components/data-table.tsx';
import { DeleteDialog } from '../components/delete-dialog.tsx';
import { ErrorNotice } from '../components/error-notice.tsx';
import { GroupAdmins } from '../components/group-admins.tsx';
import { SuccessNotice } from '../components/success-notice.tsx';
import { useCrudList } from '../hooks/use-crud-list.ts';
import { useDepartments } from '../hooks/use-departments.ts';
import { t } from '../i18n/index.ts';
import { departmentPath, pickerOptions } from '../lib/department-scope.ts';
import { deleteAdminGroup, listAdminGroups, type AdminGroupRow } from '../services/admin-groups.service.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import type { AdminSession } from '../services/session.service.ts';

type Dialog = { kind: 'create' } | { kind: 'edit'; group: AdminGroupRow } | { kind: 'delete'; group: AdminGroupRow };

/** 权限配置 (super admins only): admin groups, their admins and scopes. The super group is read-only except its admins. */
export function PermissionsPage({ session, profile }: { session: AdminSession; profile: AdminProfile }) {
  if (!profile.is_super) {
    return (
      <div className="page">
        <div className="notice notice--warn" role="alert">
          {t('perm.superOnly')}
        </div>
      </div>
    );
  }
  return <Permissions orgId={session.member.org_id} />;
}

function Permissions({ orgId }: { orgId: string }) {
  const [message, setMessage] = useState<string>();
  const { list: groups, dialog, setDialog, close, done, remove, removeRow, cancelRemove } = useCrudList<AdminGroupRow, Dialog>(() => listAdminGroups(orgId), [orgId], {
    remove: (group) => deleteAdminGroup(orgId, group.id),
    onMessage: setMessage,
  });
  const departments = useDepartments(orgId);
  const options = useMemo(() => pickerOptions(departments.tree, new Set(departments.index.keys())), [departments.tree, departments.index]);
  const [selectedId, setSelectedId] = useState<string>();
  const selected = groups.data?.find((g) => g.id === selectedId);
  const departmentName = (id: string) => departmentPath(departments.index, id) || t('common.none');

  const onDelete = async (group: AdminGroupRow) => {
    const outcome = await removeRow(group, t('perm.group.deleted', { name: group.name }), { keepOpenOnError: true });
    if (outcome.ok && selectedId === group.id) setSelectedId(undefined);
  };

  const functionsText = (g: AdminGroupRow) => (g.is_super ? t('perm.group.all') : g.functions.map((f) => t(`fn.${f}`)).join('、') || t('common.none'));
  const appsText = (g: AdminGroupRow) => (g.is_super ? t('perm.group.all') : g.apps.map((k) => builtinApp(k)?.name['zh-CN'] ?? k).join('、') || t('common.none'));
  const scopeText = (g: AdminGroupRow) => (g.is_super ? t('perm.group.wholeOrg') : g.departments.map(departmentName).join('、') || t('common.none'));

  return (
    <div className="page">
      <div className="toolbar">
        <h1 className="page__title">{t('perm.title')}</h1>
        <button type="button" className="button" onClick={() => setDialog({ kind: 'create' })}>
          {t('perm.group.create')}
        </button>
      </div>
      <p className="muted">{t('perm.hint')}</p>
      <SuccessNotice message={message} />
      {groups.error ? <ErrorNotice error={groups.error} onRetry={groups.reload} /> : null}
      <DataTable
        loading={groups.loading}
        rows={groups.data}
        rowKey={(g) => g.id}
        empty={t('perm.group.empty')}
        columns={[
          { header: t('perm.group.name'), cell: (g) => (g.is_super ? <>{g.name} <span className="badge badge--role">{t('perm.group.super')}</span></> : g.name) },
          { header: t('perm.group.functions'), cell: functionsText },
          { header: t('perm.group.apps'), cell: appsText },
          { header: t('perm.group.scope'), cell: scopeText },
          {
            header: t('common.actions'),
            cell: (g) => (
              <>
                <button type="button" className="button button--ghost button--small" aria-pressed={g.id === selectedId} aria-label={t('perm.group.adminsOf', { name: g.name })} onClick={() => setSelectedId(g.id)}>
                  {t('perm.group.admins')}
                </button>
                {g.is_super ? null : (
                  <>
                    <button type="button" className="button button--ghost button--small" aria-label={t('perm.group.editOf', { name: g.name })} onClick={() => setDialog({ kind: 'edit', group: g })}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="button button--ghost button--small button--danger-text" aria-label={t('perm.group.deleteOf', { name: g.name })} onClick={() => setDialog({ kind: 'delete', group: g })}>
                      {t('common.delete')}
                    </button>
                  </>
                )}
              </>
            ),
          },
        ]}
      />
      {selected ? <GroupAdmins key={selected.id} orgId={orgId} group={selected} departmentOptions={options} departmentName={departmentName} onMessage={setMessage} /> : null}
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <AdminGroupDialog
          orgId={orgId}
          group={dialog.kind === 'edit' ? dialog.group : undefined}
          departmentOptions={options}
          onCancel={close}
          onDone={(row) => done(t('perm.group.saved', { name: row.name }))}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteDialog title={t('perm.group.deleteTitle')} busy={remove.busy} error={remove.error} onCancel={cancelRemove} onConfirm={() => void onDelete(dialog.group)}>
          <p>{t('perm.group.deleteBody', { name: dialog.group.name })}</p>
        </DeleteDialog>
      ) : null}
    </div>
  );
}
