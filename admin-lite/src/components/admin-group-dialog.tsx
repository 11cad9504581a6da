import { useState } from 'react';
import { BUILTIN_APPS } from '@yima/shared/portal/apps';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { createAdminGroup, updateAdminGroup, type AdminGroupInput, type AdminGroupRow } from '../services/admin-groups.service.ts';
import { ADMIN_FUNCTIONS, type AdminFunction } from '../services/admin-profile.service.ts';
import { DepartmentChecks } from './department-checks.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

const toggle = <T,>(list: readonly T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

/** 新建 / 编辑管理组: name, function permissions, app permissions, user scope. */
export function AdminGroupDialog({ orgId, group, departmentOptions, onDone, onCancel }: { orgId: string; group?: AdminGroupRow; departmentOptions: readonly PickerOption[]; onDone: (row: AdminGroupRow) => void; onCancel: () => void }) {
  const [name, setName] = useState(group?.name ?? '');
  const [functions, setFunctions] = useState<AdminFunction[]>(group?.functions ?? []);
  const [apps, setApps] = useState<string[]>(group?.apps ?? []);
  const [departments, setDepartments] = useState<string[]>(group?.departments ?? []);
  const [nameError, setNameError] = useState<string>();
  const save = useAction((input: AdminGroupInput) => (group ? updateAdminGroup(orgId, group.id, input) : createAdminGroup(orgId, input)));

  const submit = async () => {
    const trimmed = name.trim();
    const error = trimmed.length === 0 || trimmed.length > 50 ? t('perm.group.nameRule') : undefined;
    setNameError(error);
    if (error) return;
    const outcome = await save.run({ name: trimmed, functions: ADMIN_FUNCTIONS.filter((f) => functions.includes(f)), apps, departments });
    if (outcome.ok) onDone(outcome.value);
  };

  return (
    <FormDialog wide title={group ? t('perm.group.editTitle', { name: group.name }) : t('perm.group.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('perm.group.name')} error={nameError}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={50} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <fieldset className="field">
        <legend className="field__label">{t('perm.group.functions')}</legend>
        <div className="check-list">
          {ADMIN_FUNCTIONS.map((fn) => (
            <label key={fn}>
              <input type="checkbox" checked={functions.includes(fn)} onChange={() => setFunctions(toggle(functions, fn))} /> {t(`fn.${fn}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field__label">{t('perm.group.apps')}</legend>
        <p className="field__hint">{t('perm.group.appsHint')}</p>
        <div className="check-list">
          {BUILTIN_APPS.map((app) => (
            <label key={app.key}>
              <input type="checkbox" checked={apps.includes(app.key)} onChange={() => setApps(toggle(apps, app.key))} /> {app.name['zh-CN']}
            </label>
          ))}
        </div>
      </fieldset>
      <DepartmentChecks legend={t('perm.group.scope')} hint={t('perm.group.scopeHint')} options={departmentOptions} value={departments} onChange={setDepartments} />
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
