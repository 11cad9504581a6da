// Department changes on the tree panel of 部门与成员: 新建子部门 (or a
// top-level one for super admins), 重命名, 移动 (a parent picker), 删除
// (the subtree goes; its members move to 未分组). Only departments in the
// admin's scope get the buttons; the database enforces the same.
import { useMemo, useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { t } from '../i18n/index.ts';
import { collectSubtreeIds, type DepartmentNode } from '../lib/department-tree.ts';
import { departmentPath, moveTargetIds, pickerOptions } from '../lib/department-scope.ts';
import { departmentNameProblem } from '../lib/name-rules.ts';
import { createDepartment, deleteDepartment, updateDepartment, type DepartmentRow } from '../services/departments.service.ts';
import { countMembers } from '../services/members.service.ts';
import { DepartmentPicker } from './department-picker.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

type Node = DepartmentNode<DepartmentRow>;

export interface DepartmentActionsProps {
  orgId: string;
  roots: readonly Node[];
  index: ReadonlyMap<string, Node>;
  /** The selected department; null = 全部成员 (only a top-level department can be added then). */
  selected: Node | null;
  manageable: ReadonlySet<string>;
  isSuper: boolean;
  /** After a change: what to say, and which department to select (null = none, undefined = keep). */
  onChanged: (message: string, select?: string | null) => void;
}

type Dialog = 'create' | 'rename' | 'move' | 'delete';

export function DepartmentActions({ orgId, roots, index, selected, manageable, isSuper, onChanged }: DepartmentActionsProps) {
  const [dialog, setDialog] = useState<Dialog>();
  const department = selected?.department;
  const canManage = department !== undefined && manageable.has(department.id);
  const canCreate = department ? canManage && !department.is_default : isSuper;
  // The top of a department admin's own scope: moving it has nowhere to go
  // inside the scope, and deleting it would lock them out of it.
  const isScopeRoot = !isSuper && department !== undefined && (department.parent_id === null || !manageable.has(department.parent_id));
  const canMoveOrDelete = canManage && !department.is_default && !isScopeRoot;
  if (!canCreate && !canManage) return null;

  const done = (message: string, select?: string | null) => {
    setDialog(undefined);
    onChanged(message, select);
  };
  const close = () => setDialog(undefined);

  return (
    <div className="dept-actions" role="group" aria-label={t('departments.actions')}>
      {canCreate ? (
        <button type="button" className="button button--ghost button--small" onClick={() => setDialog('create')}>
          {department ? t('departments.create') : t('departments.createRoot')}
        </button>
      ) : null}
      {canManage ? (
        <button type="button" className="button button--ghost button--small" onClick={() => setDialog('rename')}>
          {t('departments.rename')}
        </button>
      ) : null}
      {canMoveOrDelete ? (
        <>
          <button type="button" className="button button--ghost button--small" onClick={() => setDialog('move')}>
            {t('departments.move')}
          </button>
          <button type="button" className="button button--ghost button--small button--danger-text" onClick={() => setDialog('delete')}>
            {t('departments.delete')}
          </button>
        </>
      ) : null}

      {dialog === 'create' ? <CreateDepartmentDialog orgId={orgId} parent={department ?? null} onDone={done} onCancel={close} /> : null}
      {dialog === 'rename' && department ? <RenameDepartmentDialog orgId={orgId} department={department} onDone={done} onCancel={close} /> : null}
      {dialog === 'move' && selected ? (
        <MoveDepartmentDialog orgId={orgId} node={selected} roots={roots} index={index} manageable={manageable} isSuper={isSuper} onDone={done} onCancel={close} />
      ) : null}
      {dialog === 'delete' && selected ? <DeleteDepartmentDialog orgId={orgId} node={selected} isSuper={isSuper} onDone={done} onCancel={close} /> : null}
    </div>
  );
}

interface DialogProps {
  orgId: string;
  onDone: (message: string, select?: string | null) => void;
  onCancel: () => void;
}

function NameField({ value, error, onChange }: { value: string; error?: string; onChange: (value: string) => void }) {
  return (
    <FormField label={t('departments.name')} hint={t('departments.nameHint')} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="input"
          autoComplete="off"
          maxLength={50}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}

function CreateDepartmentDialog({ orgId, parent, onDone, onCancel }: DialogProps & { parent: DepartmentRow | null }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const create = useAction((value: string) => createDepartment(orgId, parent?.id ?? null, value));
  const onSubmit = async () => {
    const problem = departmentNameProblem(name);
    setError(problem ?? undefined);
    if (problem) return;
    const outcome = await create.run(name.trim());
    if (outcome.ok) onDone(t('departments.created', { name: outcome.value.name }), outcome.value.id);
  };
  return (
    <FormDialog
      title={parent ? t('departments.createIn', { parent: parent.name }) : t('departments.createRoot')}
      submitLabel={t('common.create')}
      busyLabel={t('common.saving')}
      busy={create.busy}
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <NameField value={name} error={error} onChange={setName} />
      {create.error ? <ErrorNotice error={create.error} /> : null}
    </FormDialog>
  );
}

function RenameDepartmentDialog({ orgId, department, onDone, onCancel }: DialogProps & { department: DepartmentRow }) {
  const [name, setName] = useState(department.name);
  const [error, setError] = useState<string>();
  const rename = useAction((value: string) => updateDepartment(orgId, department.id, { name: value }));
  const onSubmit = async () => {
    const problem = departmentNameProblem(name);
    setError(problem ?? undefined);
    if (problem) return;
    if (name.trim() === department.name) {
      onCancel();
      return;
    }
    const outcome = await rename.run(name.trim());
    if (outcome.ok) onDone(t('departments.renamed', { name: outcome.value.name }));
  };
  return (
    <FormDialog
      title={t('departments.renameTitle', { name: department.name })}
      submitLabel={t('common.save')}
      busyLabel={t('common.saving')}
      busy={rename.busy}
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <NameField value={name} error={error} onChange={setName} />
      {rename.error ? <ErrorNotice error={rename.error} /> : null}
    </FormDialog>
  );
}

interface MoveProps extends DialogProps {
  node: Node;
  roots: readonly Node[];
  index: ReadonlyMap<string, Node>;
  manageable: ReadonlySet<string>;
  isSuper: boolean;
}

function MoveDepartmentDialog({ orgId, node, roots, index, manageable, isSuper, onDone, onCancel }: MoveProps) {
  const department = node.department;
  const options = useMemo(() => pickerOptions(roots, moveTargetIds(index, manageable, department.id)), [roots, index, manageable, department.id]);
  // '' = top level (super admins only).
  const [parent, setParent] = useState(department.parent_id ?? '');
  const move = useAction((parentId: string | null) => updateDepartment(orgId, department.id, { parent_id: parentId }));
  const unchanged = parent === (department.parent_id ?? '');
  const onSubmit = async () => {
    const outcome = await move.run(parent === '' ? null : parent);
    if (outcome.ok) {
      const where = parent === '' ? t('departments.topLevel') : departmentPath(index, parent);
      onDone(t('departments.moved', { name: department.name, parent: where }));
    }
  };
  return (
    <FormDialog
      title={t('departments.moveTitle', { name: department.name })}
      submitLabel={t('departments.move')}
      busyLabel={t('common.saving')}
      busy={move.busy}
      submitDisabled={unchanged || (parent === '' && !isSuper)}
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <p className="muted">{t('departments.moveBody')}</p>
      <FormField label={t('departments.newParent')}>
        {({ id }) => (
          <DepartmentPicker
            id={id}
            options={options}
            value={parent}
            onChange={setParent}
            {...(isSuper ? { rootLabel: t('departments.topLevel') } : {})}
          />
        )}
      </FormField>
      {move.error ? <ErrorNotice error={move.error} /> : null}
    </FormDialog>
  );
}

function DeleteDepartmentDialog({ orgId, node, isSuper, onDone, onCancel }: DialogProps & { node: Node; isSuper: boolean }) {
  const department = node.department;
  const subtree = useMemo(() => collectSubtreeIds(node), [node]);
  const affected = useAsync(() => countMembers(orgId, subtree), [orgId, subtree.join(',')]);
  const remove = useAction(() => deleteDepartment(orgId, department.id));
  const onSubmit = async () => {
    const outcome = await remove.run();
    if (outcome.ok) onDone(t('departments.deleted', { name: department.name }), null);
  };
  const descendants = subtree.length - 1;
  return (
    <FormDialog
      title={t('departments.deleteTitle', { name: department.name })}
      submitLabel={t('departments.deleteConfirm')}
      busyLabel={t('departments.deleting')}
      busy={remove.busy}
      danger
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      <p>
        {descendants > 0 ? t('departments.deleteBodyTree', { name: department.name, count: descendants }) : t('departments.deleteBody', { name: department.name })}
      </p>
      <p className="notice notice--warn">
        {affected.data === undefined
          ? t('departments.deleteMembersUnknown')
          : affected.data === 0
            ? t('departments.deleteNoMembers')
            : t('departments.deleteMembers', { count: affected.data })}
      </p>
      {!isSuper && (affected.data ?? 1) > 0 ? <p className="muted">{t('departments.deleteOutOfScope')}</p> : null}
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
    </FormDialog>
  );
}
