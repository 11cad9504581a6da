// Dialogs of the 标签 page: rename, delete, and add members to a tag (a whole
// department subtree, or members picked from a search).
import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { tagNameProblem } from '../lib/name-rules.ts';
import { listMembers } from '../services/members.service.ts';
import { deleteTag, renameTag, tagMembers, type TagRow } from '../services/tags.service.ts';
import { DepartmentPicker } from './department-picker.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

interface TagDialogProps {
  orgId: string;
  tag: TagRow;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function RenameTagDialog({ orgId, tag, onDone, onCancel }: TagDialogProps) {
  const [name, setName] = useState(tag.name);
  const [error, setError] = useState<string>();
  const rename = useAction((value: string) => renameTag(orgId, tag.id, value));
  const onSubmit = async () => {
    const problem = tagNameProblem(name);
    setError(problem ?? undefined);
    if (problem) return;
    if (name.trim() === tag.name) {
      onCancel();
      return;
    }
    const outcome = await rename.run(name.trim());
    if (outcome.ok) onDone(t('tags.renamed', { name: outcome.value.name }));
  };
  return (
    <FormDialog
      title={t('tags.renameTitle', { name: tag.name })}
      submitLabel={t('common.save')}
      busyLabel={t('common.saving')}
      busy={rename.busy}
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <FormField label={t('tags.name')} error={error}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            maxLength={30}
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </FormField>
      {rename.error ? <ErrorNotice error={rename.error} /> : null}
    </FormDialog>
  );
}

export function DeleteTagDialog({ orgId, tag, onDone, onCancel }: TagDialogProps) {
  const remove = useAction(() => deleteTag(orgId, tag.id));
  const onSubmit = async () => {
    const outcome = await remove.run();
    if (outcome.ok) onDone(t('tags.deleted', { name: tag.name }));
  };
  return (
    <FormDialog
      title={t('tags.deleteTitle', { name: tag.name })}
      submitLabel={t('tags.deleteConfirm')}
      busyLabel={t('common.deleting')}
      busy={remove.busy}
      danger
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <p>{t('tags.deleteBody', { name: tag.name })}</p>
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
    </FormDialog>
  );
}

const PICK_PAGE_SIZE = 20;

/** 添加成员 to a tag: every member of a department subtree, or members picked from a search. */
export function AddTagMembersDialog({ orgId, tag, departmentOptions, onDone, onCancel }: TagDialogProps & { departmentOptions: readonly PickerOption[] }) {
  const [mode, setMode] = useState<'department' | 'members'>('department');
  const [departmentId, setDepartmentId] = useState('');
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const term = useDebouncedValue(search.trim(), 300);
  const found = useAsync(
    () => (mode === 'members' ? listMembers({ orgId, search: term || undefined, page: 1, pageSize: PICK_PAGE_SIZE }) : Promise.resolve(undefined)),
    [mode, orgId, term],
  );
  const add = useAction(() =>
    tagMembers(tag.id, mode === 'department' ? { departmentId } : { memberIds: [...picked.keys()] }),
  );
  const onSubmit = async () => {
    const outcome = await add.run();
    if (outcome.ok) onDone(t('tags.membersAdded', { count: outcome.value, tag: tag.name }));
  };
  const togglePick = (id: string, name: string) =>
    setPicked((previous) => {
      const next = new Map(previous);
      if (next.has(id)) next.delete(id);
      else next.set(id, name);
      return next;
    });
  const department = departmentOptions.find((o) => o.id === departmentId);

  return (
    <FormDialog
      title={t('tags.addMembersTitle', { name: tag.name })}
      submitLabel={t('tags.addMembers')}
      busyLabel={t('common.saving')}
      busy={add.busy}
      submitDisabled={mode === 'department' ? departmentId === '' : picked.size === 0}
      wide
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <div className="segmented" role="radiogroup" aria-label={t('tags.addBy')}>
        <label className={mode === 'department' ? 'is-selected' : undefined}>
          <input type="radio" name="add-by" checked={mode === 'department'} onChange={() => setMode('department')} />
          {t('tags.addByDepartment')}
        </label>
        <label className={mode === 'members' ? 'is-selected' : undefined}>
          <input type="radio" name="add-by" checked={mode === 'members'} onChange={() => setMode('members')} />
          {t('tags.addByMembers')}
        </label>
      </div>
      {mode === 'department' ? (
        <FormField label={t('tags.department')} hint={department ? t('tags.departmentHint', { name: department.label }) : t('tags.departmentHintEmpty')}>
          {({ id, describedBy }) => <DepartmentPicker id={id} options={departmentOptions} value={departmentId} describedBy={describedBy} onChange={setDepartmentId} />}
        </FormField>
      ) : (
        <>
          <input
            type="search"
            className="input input--full"
            aria-label={t('members.searchLabel')}
            placeholder={t('members.searchPlaceholder')}
            value={search}
            maxLength={50}
            onChange={(event) => setSearch(event.target.value)}
          />
          {found.error ? <ErrorNotice error={found.error} onRetry={found.reload} /> : null}
          <ul className="pick-list" aria-label={t('tags.searchResults')} aria-busy={found.loading}>
            {(found.data?.rows ?? []).map((m) => (
              <li key={m.id}>
                <label className="check">
                  <input type="checkbox" checked={picked.has(m.id)} onChange={() => togglePick(m.id, m.name)} />
                  <span>{m.name}</span>
                  <span className="muted mono">{m.employee_no ?? ''}</span>
                  {m.tags.some((x) => x.id === tag.id) ? <span className="chip">{tag.name}</span> : null}
                </label>
              </li>
            ))}
            {found.data && found.data.rows.length === 0 ? <li className="muted">{t('members.empty')}</li> : null}
          </ul>
          {found.data && found.data.total > PICK_PAGE_SIZE ? <p className="muted">{t('tags.searchMore', { count: found.data.total })}</p> : null}
          {picked.size > 0 ? <p>{t('tags.picked', { count: picked.size, names: [...picked.values()].join('、') })}</p> : null}
        </>
      )}
      {add.error ? <ErrorNotice error={add.error} /> : null}
    </FormDialog>
  );
}
