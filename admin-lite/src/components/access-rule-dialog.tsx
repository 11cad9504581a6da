import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useAsync } from '../hooks/use-async.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { t } from '../i18n/index.ts';
import { ALL_WEEKDAYS, checkRuleDraft, draftFromRule, emptyRuleDraft, weekdayLabel, type AccessRuleDraft, type RuleCheck, type TargetKind } from '../lib/access-rule-form.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { createAccessRule, updateAccessRule, type AccessRuleRow } from '../services/access-rules.service.ts';
import { listMembers } from '../services/members.service.ts';
import type { PointRow } from '../services/points.service.ts';
import { DepartmentPicker } from './department-picker.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

type Errors = Extract<RuleCheck, { ok: false }>['errors'];

export interface AccessRuleDialogProps {
  orgId: string;
  rule?: AccessRuleRow;
  points: readonly PointRow[];
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  onDone: (rule: AccessRuleRow) => void;
  onCancel: () => void;
}

/** 新增 / 编辑通行规则. */
export function AccessRuleDialog({ orgId, rule, points, departmentOptions, tags, onDone, onCancel }: AccessRuleDialogProps) {
  const [draft, setDraft] = useState<AccessRuleDraft>(() => (rule ? draftFromRule(rule) : emptyRuleDraft()));
  const [errors, setErrors] = useState<Errors>({});
  const [memberSearch, setMemberSearch] = useState('');
  const search = useDebouncedValue(memberSearch, 300);
  const members = useAsync(
    () => (draft.targetKind === 'member' ? listMembers({ orgId, search: search || undefined, page: 1, pageSize: 20 }).then((p) => p.rows) : Promise.resolve([])),
    [orgId, search, draft.targetKind],
  );
  const save = useAction((input: Extract<RuleCheck, { ok: true }>['input']) => (rule ? updateAccessRule(orgId, rule.id, input) : createAccessRule(orgId, input)));
  const set = (patch: Partial<AccessRuleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async () => {
    const checked = checkRuleDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const outcome = await save.run(checked.input);
    if (outcome.ok) onDone(outcome.value);
  };

  const memberOptions = members.data ?? [];
  const currentMemberMissing = draft.targetKind === 'member' && draft.targetId && !memberOptions.some((m) => m.id === draft.targetId);

  return (
    <FormDialog wide title={rule ? t('rules.editTitle', { name: rule.name }) : t('rules.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('rules.name')} error={errors.name}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={50} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
      </FormField>
      <FormField label={t('rules.point')}>
        {({ id }) => (
          <select id={id} className="input" value={draft.pointId} onChange={(e) => set({ pointId: e.target.value })}>
            <option value="">{t('rules.allPoints')}</option>
            {points.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label={t('rules.target')} error={errors.target}>
        {({ id, describedBy }) => (
          <select id={id} className="input" aria-describedby={describedBy} value={draft.targetKind} onChange={(e) => set({ targetKind: e.target.value as TargetKind, targetId: '' })}>
            {(['everyone', 'department', 'tag', 'member'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(`rules.target.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {draft.targetKind === 'department' ? (
        <DepartmentPicker id="rule-department" options={departmentOptions} value={draft.targetId} onChange={(targetId) => set({ targetId })} />
      ) : null}
      {draft.targetKind === 'tag' ? (
        <select className="input" aria-label={t('rules.target.tag')} value={draft.targetId} onChange={(e) => set({ targetId: e.target.value })}>
          <option value="">{t('rules.targetPick')}</option>
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </select>
      ) : null}
      {draft.targetKind === 'member' ? (
        <div className="field__row">
          <input className="input" aria-label={t('rules.memberSearch')} placeholder={t('rules.memberSearch')} value={memberSearch} onChange={(e) => setMemberSearch(e.target.value)} />
          <select className="input" aria-label={t('rules.target.member')} value={draft.targetId} onChange={(e) => set({ targetId: e.target.value })}>
            <option value="">{t('rules.targetPick')}</option>
            {currentMemberMissing ? <option value={draft.targetId}>{rule?.member_name ?? draft.targetId}</option> : null}
            {memberOptions.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}（{m.employee_no}）
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <fieldset className="field">
        <legend className="field__label">{t('rules.effect')}</legend>
        <div className="check-list">
          {(['allow', 'deny'] as const).map((effect) => (
            <label key={effect}>
              <input type="radio" name="rule-effect" checked={draft.effect === effect} onChange={() => set({ effect })} /> {t(`rules.effect.${effect}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field__label">{t('rules.weekdays')}</legend>
        <div className="check-list">
          {ALL_WEEKDAYS.map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                checked={draft.weekdays.includes(day)}
                onChange={() => set({ weekdays: draft.weekdays.includes(day) ? draft.weekdays.filter((d) => d !== day) : [...draft.weekdays, day] })}
              />{' '}
              {weekdayLabel(day)}
            </label>
          ))}
        </div>
        {errors.weekdays ? <small className="field__error">{errors.weekdays}</small> : null}
      </fieldset>
      <fieldset className="field">
        <legend className="field__label">{t('rules.time')}</legend>
        <div className="field__row">
          <input className="input" aria-label={t('rules.timeFrom')} placeholder="00:00" value={draft.timeFrom} onChange={(e) => set({ timeFrom: e.target.value })} />
          <span>–</span>
          <input className="input" aria-label={t('rules.timeUntil')} placeholder="24:00" value={draft.timeUntil} onChange={(e) => set({ timeUntil: e.target.value })} />
        </div>
        {errors.time ? <small className="field__error">{errors.time}</small> : null}
      </fieldset>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
