import { useState } from 'react';
import { parseHhmm } from '@yima/shared';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { saveMealPeriod, type MealPeriodInput, type MealPeriodRow } from '../services/canteen.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

/** 新增 / 编辑餐次: name and a local HH:MM window (start before end, no midnight crossing). */
export function MealPeriodDialog({ orgId, period, onDone, onCancel }: { orgId: string; period?: MealPeriodRow; onDone: (row: MealPeriodRow) => void; onCancel: () => void }) {
  const [input, setInput] = useState<MealPeriodInput>({ name: period?.name ?? '', starts: period?.starts ?? '11:00', ends: period?.ends ?? '13:30' });
  const [errors, setErrors] = useState<{ name?: string; time?: string }>({});
  const save = useAction((value: MealPeriodInput) => saveMealPeriod(orgId, period?.id, value));
  const submit = async () => {
    const name = input.name.trim();
    const starts = parseHhmm(input.starts.trim());
    const ends = parseHhmm(input.ends.trim(), true);
    const next = {
      name: name.length === 0 || name.length > 20 ? t('pay.meals.nameRule') : undefined,
      time: starts === null || ends === null || starts >= ends ? t('pay.meals.timeRule') : undefined,
    };
    setErrors(next);
    if (next.name || next.time) return;
    const outcome = await save.run({ name, starts: input.starts.trim(), ends: input.ends.trim() });
    if (outcome.ok) onDone(outcome.value);
  };
  return (
    <FormDialog title={period ? t('pay.meals.editTitle', { name: period.name }) : t('pay.meals.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('pay.meals.name')} error={errors.name}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={20} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={input.name} onChange={(e) => setInput({ ...input, name: e.target.value })} />}
      </FormField>
      <FormField label={t('pay.meals.starts')}>
        {({ id }) => <input id={id} className="input" placeholder="11:00" value={input.starts} onChange={(e) => setInput({ ...input, starts: e.target.value })} />}
      </FormField>
      <FormField label={t('pay.meals.ends')} error={errors.time}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" placeholder="13:30" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={input.ends} onChange={(e) => setInput({ ...input, ends: e.target.value })} />}
      </FormField>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
