import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { draftFromMember, emptyMemberDraft, validateMemberDraft, type MemberDraft, type MemberDraftErrors } from '../lib/member-form.ts';
import { createMember, MEMBER_STATUSES, updateMember, type MemberRow } from '../services/members.service.ts';
import { DepartmentPicker } from './department-picker.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';
import { PiiReveal } from './pii-reveal.tsx';

const STATUS_LABELS = {
  active: 'members.status.active',
  disabled: 'members.status.disabled',
  left: 'members.status.left',
} as const;

export interface MemberFormDialogProps {
  orgId: string;
  /** The member to edit; absent = 添加成员. */
  member?: MemberRow;
  /** Departments the admin may put the member in. */
  departmentOptions: readonly PickerOption[];
  /** Preselected department for a new member. */
  defaultDepartmentId?: string;
  onSaved: (member: MemberRow) => void;
  onCancel: () => void;
}

/** 添加成员 / 编辑成员: checked here first (same rules as the database), then saved. */
export function MemberFormDialog({ orgId, member, departmentOptions, defaultDepartmentId, onSaved, onCancel }: MemberFormDialogProps) {
  const editing = member !== undefined;
  const [draft, setDraft] = useState<MemberDraft>(() => (member ? draftFromMember(member) : emptyMemberDraft(defaultDepartmentId ?? '')));
  const [errors, setErrors] = useState<MemberDraftErrors>({});
  const save = useAction(async () => {
    const result = validateMemberDraft(draft);
    if (!result.ok) {
      setErrors(result.errors);
      return undefined;
    }
    setErrors({});
    return member ? updateMember(orgId, member.id, result.input) : createMember(orgId, result.input);
  });

  const update = (changes: Partial<MemberDraft>) => setDraft((previous) => ({ ...previous, ...changes }));
  // A member in a department the admin cannot choose (should not happen: RLS
  // shows only members in scope) keeps it as an option so the form stays valid.
  const options =
    draft.departmentId && !departmentOptions.some((o) => o.id === draft.departmentId)
      ? [{ id: draft.departmentId, label: t('memberForm.currentDepartment'), depth: 0 }, ...departmentOptions]
      : departmentOptions;

  const onSubmit = async () => {
    const outcome = await save.run();
    if (outcome.ok && outcome.value) onSaved(outcome.value);
  };

  return (
    <FormDialog
      title={editing ? t('memberForm.editTitle') : t('memberForm.addTitle')}
      submitLabel={t('common.save')}
      busyLabel={t('common.saving')}
      busy={save.busy}
      wide
      onSubmit={() => void onSubmit()}
      onCancel={onCancel}
    >
      {member ? <PiiReveal member={member} /> : null}
      <div className="form-grid">
        <FormField label={t('members.col.employeeNo')} hint={t('memberForm.employeeNoHint')} error={errors.employeeNo}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              autoComplete="off"
              maxLength={32}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={draft.employeeNo}
              onChange={(event) => update({ employeeNo: event.target.value })}
            />
          )}
        </FormField>
        <FormField label={t('memberForm.nameRequired')} error={errors.name}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              autoComplete="off"
              maxLength={50}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={draft.name}
              onChange={(event) => update({ name: event.target.value })}
            />
          )}
        </FormField>
        <FormField label={t('members.col.phone')} hint={member?.phone ? t('memberForm.phoneKeep', { masked: member.phone }) : t('memberForm.phoneHint')} error={errors.phone}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              inputMode="tel"
              autoComplete="off"
              maxLength={20}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={draft.phone}
              onChange={(event) => update({ phone: event.target.value })}
            />
          )}
        </FormField>
        <FormField
          label={t('members.col.idCard')}
          hint={
            member?.id_card_number
              ? t('memberForm.idCardKeep', { masked: member.id_card_number })
              : t('memberForm.idCardHint')
          }
          error={errors.idCard}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input mono"
              autoComplete="off"
              spellCheck={false}
              maxLength={18}
              placeholder={member?.id_card_number ?? undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={draft.idCard}
              onChange={(event) => update({ idCard: event.target.value })}
            />
          )}
        </FormField>
        <FormField label={t('memberForm.departmentRequired')} error={errors.departmentId}>
          {({ id, describedBy, invalid }) => (
            <DepartmentPicker
              id={id}
              options={options}
              value={draft.departmentId}
              describedBy={describedBy}
              invalid={invalid}
              onChange={(departmentId) => update({ departmentId })}
            />
          )}
        </FormField>
        <FormField label={t('members.col.status')}>
          {({ id }) => (
            <select id={id} className="input" value={draft.status} onChange={(event) => update({ status: event.target.value as MemberDraft['status'] })}>
              {MEMBER_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(STATUS_LABELS[status])}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {Object.keys(errors).length > 0 ? (
        <p className="notice notice--error" role="alert">
          {t('form.invalid')}
        </p>
      ) : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
