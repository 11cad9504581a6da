import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { checkOpenHours, windowDrafts, type OpenWindowDraft } from '../lib/open-hours.ts';
import { splitList } from '../lib/pricing-form.ts';
import { RESOURCE_KINDS, saveResource, type ResourceInput, type ResourceKind, type ResourceRow } from '../services/resources.service.ts';
import { AudienceFieldset, type AudienceDraft } from './audience-fields.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';
import { OpenHoursEditor } from './open-hours-editor.tsx';
import { ProblemsNotice } from './problems-notice.tsx';

export interface ResourceDialogProps {
  orgId: string;
  resource?: ResourceRow;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  onDone: (row: ResourceRow) => void;
  onCancel: () => void;
}

type Errors = Partial<Record<'name' | 'location' | 'capacity' | 'maxHours', string>>;
const wholeIn = (text: string, min: number, max: number) => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** 新建 / 编辑资源: name, kind, place, capacity, opening hours, approval, longest booking, audience, active. */
export function ResourceDialog({ orgId, resource, departmentOptions, tags, onDone, onCancel }: ResourceDialogProps) {
  const [name, setName] = useState(resource?.name ?? '');
  const [kind, setKind] = useState<ResourceKind>(resource?.kind ?? 'room');
  const [location, setLocation] = useState(resource?.location ?? '');
  const [capacity, setCapacity] = useState(String(resource?.capacity ?? 10));
  const [maxHours, setMaxHours] = useState(String(resource?.max_hours ?? 4));
  const [approval, setApproval] = useState(resource?.requires_approval ?? false);
  const [active, setActive] = useState(resource?.active ?? true);
  const [hours, setHours] = useState<OpenWindowDraft[]>(() => windowDrafts(resource?.open_hours ?? []));
  const [audience, setAudience] = useState<AudienceDraft>({ departments: resource?.audience.departments ?? [], tags: resource?.audience.tags ?? [], identities: (resource?.audience.identities ?? []).join('、') });
  const [errors, setErrors] = useState<Errors>({});
  const [problems, setProblems] = useState<string[]>([]);
  const save = useAction((input: ResourceInput) => saveResource(orgId, resource?.id, input));

  const submit = async () => {
    const trimmed = name.trim();
    const cap = wholeIn(capacity, 1, 10_000);
    const max = wholeIn(maxHours, 1, 72);
    const next: Errors = {
      name: trimmed.length === 0 || trimmed.length > 50 ? t('scenario.res.nameRule') : undefined,
      location: location.trim().length > 100 ? t('scenario.events.locationRule') : undefined,
      capacity: cap === undefined ? t('scenario.res.capacityRule') : undefined,
      maxHours: max === undefined ? t('scenario.res.maxHoursRule') : undefined,
    };
    const open = checkOpenHours(hours);
    setErrors(next);
    setProblems(open.ok ? [] : open.problems);
    if (Object.values(next).some(Boolean) || !open.ok || cap === undefined || max === undefined) return;
    const identities = splitList(audience.identities);
    const outcome = await save.run({
      name: trimmed,
      kind,
      location: location.trim() || null,
      capacity: cap,
      open_hours: open.value,
      requires_approval: approval,
      max_hours: max,
      audience: {
        ...(audience.departments.length ? { departments: audience.departments } : {}),
        ...(audience.tags.length ? { tags: audience.tags } : {}),
        ...(identities.length ? { identities } : {}),
        ...(resource?.audience.members?.length ? { members: resource.audience.members } : {}),
      },
      active,
    });
    if (outcome.ok) onDone(outcome.value);
  };

  const text = (label: string, value: string, set: (v: string) => void, error?: string, inputMode?: 'numeric') => (
    <FormField label={label} error={error}>
      {({ id, describedBy, invalid }) => <input id={id} className="input" inputMode={inputMode} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} onChange={(e) => set(e.target.value)} />}
    </FormField>
  );

  return (
    <FormDialog wide title={resource ? t('scenario.res.editTitle', { name: resource.name }) : t('scenario.res.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      {text(t('scenario.res.name'), name, setName, errors.name)}
      <FormField label={t('scenario.res.kind')}>
        {({ id }) => (
          <select id={id} className="input" value={kind} onChange={(e) => setKind(e.target.value as ResourceKind)}>
            {RESOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`scenario.resKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {text(t('scenario.res.location'), location, setLocation, errors.location)}
      <div className="field__row">
        {text(t('scenario.res.capacity'), capacity, setCapacity, errors.capacity, 'numeric')}
        {text(t('scenario.res.maxHours'), maxHours, setMaxHours, errors.maxHours, 'numeric')}
      </div>
      <OpenHoursEditor value={hours} onChange={setHours} />
      <ProblemsNotice problems={problems} />
      <label className="field">
        <input type="checkbox" checked={approval} onChange={() => setApproval(!approval)} /> {t('scenario.res.requiresApproval')}
      </label>
      <AudienceFieldset legend={t('scenario.res.audience')} value={audience} onChange={setAudience} departmentOptions={departmentOptions} tags={tags} />
      <label className="field">
        <input type="checkbox" checked={active} onChange={() => setActive(!active)} /> {t('scenario.active')}
      </label>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
