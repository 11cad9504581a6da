import { useState } from 'react';
import { isValidMobile } from '@yima/shared';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { addAdminByPhone, listGroupAdmins, removeGroupAdmin, setAdminScope, type AdminGroupRow, type GroupAdminRow } from '../services/admin-groups.service.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { DataTable } from './data-table.tsx';
import { DepartmentChecks } from './department-checks.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { ScopeImport } from './scope-import.tsx';

export interface GroupAdminsProps {
  orgId: string;
  group: AdminGroupRow;
  departmentOptions: readonly PickerOption[];
  departmentName: (id: string) => string;
  onMessage: (message: string) => void;
}

/** The admins of a group: add by phone, remove, and (normal groups) each admin's own scope, set or imported. */
export function GroupAdmins({ orgId, group, departmentOptions, departmentName, onMessage }: GroupAdminsProps) {
  const admins = useAsync(() => listGroupAdmins(orgId, group.id), [orgId, group.id]);
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string>();
  const [scopeOf, setScopeOf] = useState<{ admin: GroupAdminRow; departments: string[] }>();
  const [removing, setRemoving] = useState<GroupAdminRow>();
  const add = useAction((value: string) => addAdminByPhone(group.id, value));
  const remove = useAction((row: GroupAdminRow) => removeGroupAdmin(orgId, group.id, row.member_id));
  const saveScope = useAction((row: GroupAdminRow, departments: string[]) => setAdminScope(group.id, row.member_id, departments));

  const onAdd = async () => {
    const value = phone.trim();
    if (!isValidMobile(value)) {
      setPhoneError(t('perm.admins.phoneRule'));
      return;
    }
    setPhoneError(undefined);
    const outcome = await add.run(value);
    if (outcome.ok) {
      setPhone('');
      onMessage(t('perm.admins.added', { name: outcome.value.name, group: group.name }));
      admins.reload();
    }
  };
  const onRemove = async (row: GroupAdminRow) => {
    const outcome = await remove.run(row);
    if (outcome.ok) {
      setRemoving(undefined);
      onMessage(t('perm.admins.removed', { name: row.name ?? row.member_id }));
      admins.reload();
    }
  };
  const onSaveScope = async (row: GroupAdminRow, departments: string[]) => {
    const outcome = await saveScope.run(row, departments);
    if (outcome.ok) {
      setScopeOf(undefined);
      onMessage(t(departments.length ? 'perm.scope.saved' : 'perm.scope.reset', { name: row.name ?? row.member_id }));
      admins.reload();
    }
  };

  const title = t('perm.admins.title', { name: group.name });
  const scopeText = (a: GroupAdminRow) => (a.scope.length ? a.scope.map(departmentName).join('、') : t('perm.scope.group'));
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <p className="muted">{group.is_super ? t('perm.admins.superHint') : t('perm.admins.hint')}</p>
      {admins.error ? <ErrorNotice error={admins.error} onRetry={admins.reload} /> : null}
      <form
        className="toolbar__filters"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onAdd();
        }}
      >
        <input className="input" inputMode="numeric" maxLength={11} aria-label={t('perm.admins.phone')} placeholder={t('perm.admins.phone')} value={phone} onChange={(e) => setPhone(e.target.value)} />
        <button type="submit" className="button button--small" disabled={add.busy}>
          {group.is_super ? t('perm.admins.addSuper') : t('perm.admins.add')}
        </button>
      </form>
      {phoneError ? <p className="field__error">{phoneError}</p> : null}
      {add.error ? <ErrorNotice error={add.error} /> : null}
      <DataTable
        loading={admins.loading}
        rows={admins.data}
        rowKey={(a) => a.member_id}
        empty={t('perm.admins.empty')}
        columns={[
          { header: t('perm.admins.name'), cell: (a) => a.name ?? t('pay.tx.unknownMember') },
          { header: t('pay.tx.employeeNo'), cell: (a) => a.employee_no ?? t('common.none') },
          { header: t('perm.admins.phone'), cell: (a) => a.phone ?? t('common.none') },
          ...(group.is_super ? [] : [{ header: t('perm.scope.column'), cell: scopeText }]),
          {
            header: t('common.actions'),
            cell: (a: GroupAdminRow) => (
              <>
                {group.is_super ? null : (
                  <button type="button" className="button button--ghost button--small" aria-label={t('perm.scope.editFor', { name: a.name ?? '' })} onClick={() => setScopeOf({ admin: a, departments: a.scope })}>
                    {t('perm.scope.edit')}
                  </button>
                )}
                <button type="button" className="button button--ghost button--small button--danger-text" aria-label={t('perm.admins.removeFor', { name: a.name ?? '' })} onClick={() => setRemoving(a)}>
                  {t('common.remove')}
                </button>
              </>
            ),
          },
        ]}
      />
      {group.is_super ? null : (
        <ScopeImport
          group={group}
          onApplied={(count) => {
            onMessage(t('perm.import.applied', { count }));
            admins.reload();
          }}
        />
      )}
      {scopeOf ? (
        <FormDialog
          wide
          title={t('perm.scope.title', { name: scopeOf.admin.name ?? '' })}
          submitLabel={t('common.save')}
          busyLabel={t('common.saving')}
          busy={saveScope.busy}
          onSubmit={() => void onSaveScope(scopeOf.admin, scopeOf.departments)}
          onCancel={() => {
            saveScope.reset();
            setScopeOf(undefined);
          }}
        >
          <DepartmentChecks legend={t('perm.scope.column')} hint={t('perm.scope.hint')} options={departmentOptions} value={scopeOf.departments} onChange={(departments) => setScopeOf({ ...scopeOf, departments })} />
          <button type="button" className="button button--ghost button--small" disabled={saveScope.busy} onClick={() => void onSaveScope(scopeOf.admin, [])}>
            {t('perm.scope.useGroup')}
          </button>
          {saveScope.error ? <ErrorNotice error={saveScope.error} /> : null}
        </FormDialog>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('perm.admins.removeTitle')}
          confirmLabel={t('common.remove')}
          busy={remove.busy}
          danger
          onCancel={() => {
            remove.reset();
            setRemoving(undefined);
          }}
          onConfirm={() => void onRemove(removing)}
        >
          <p>{t('perm.admins.removeBody', { name: removing.name ?? removing.member_id, group: group.name })}</p>
          {remove.error ? <ErrorNotice error={remove.error} /> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
