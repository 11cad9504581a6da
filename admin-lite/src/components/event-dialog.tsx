import { useState } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { checkEventDraft, eventDraft, type EventDraft, type EventErrors } from '../lib/event-form.ts';
import { EVENT_KINDS, saveEvent, type EventInput, type EventKind, type EventRow } from '../services/events.service.ts';
import { AudienceFieldset } from './audience-fields.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';

export interface EventDialogProps {
  orgId: string;
  event?: EventRow;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  now?: Date;
  onDone: (row: EventRow) => void;
  onCancel: () => void;
}

/** 新建 / 编辑活动: title, kind, place and optional geofence, sign-in/out windows, audience, code rotation. */
export function EventDialog({ orgId, event, departmentOptions, tags, now = new Date(), onDone, onCancel }: EventDialogProps) {
  const [draft, setDraft] = useState<EventDraft>(() => eventDraft(event, now));
  const [errors, setErrors] = useState<EventErrors>({});
  const save = useAction((input: EventInput) => saveEvent(orgId, event?.id, input));
  const set = (patch: Partial<EventDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = async () => {
    const checked = checkEventDraft(draft);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    const outcome = await save.run(checked.input);
    if (outcome.ok) onDone(outcome.value);
  };
  const text = (key: 'title' | 'locationName' | 'latitude' | 'longitude' | 'radius' | 'stepSeconds', label: string, error?: string, hint?: string, inputMode?: 'decimal' | 'numeric') => (
    <FormField label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input id={id} className="input" inputMode={inputMode} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={draft[key]} onChange={(e) => set({ [key]: e.target.value })} />
      )}
    </FormField>
  );
  const when = (key: 'signInFrom' | 'signInUntil' | 'signOutFrom' | 'signOutUntil', label: string, error?: string) => (
    <FormField label={label} error={error}>
      {({ id, describedBy, invalid }) => (
        <input id={id} className="input" type="datetime-local" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={draft[key]} onChange={(e) => set({ [key]: e.target.value })} />
      )}
    </FormField>
  );
  return (
    <FormDialog wide title={event ? t('scenario.events.editTitle', { name: event.title }) : t('scenario.events.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      {text('title', t('scenario.events.titleLabel'), errors.title)}
      <FormField label={t('scenario.events.kind')}>
        {({ id }) => (
          <select id={id} className="input" value={draft.kind} onChange={(e) => set({ kind: e.target.value as EventKind })}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`scenario.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {text('locationName', t('scenario.events.location'), errors.location)}
      <fieldset className="field">
        <legend className="field__label">{t('scenario.events.geofence')}</legend>
        <p className="field__hint">{t('scenario.events.geofenceHint')}</p>
        <div className="field__row">
          {text('latitude', t('scenario.events.latitude'), undefined, undefined, 'decimal')}
          {text('longitude', t('scenario.events.longitude'), undefined, undefined, 'decimal')}
          {text('radius', t('scenario.events.radius'), undefined, undefined, 'numeric')}
        </div>
        {errors.geofence ? <small className="field__error">{errors.geofence}</small> : null}
      </fieldset>
      <div className="field__row">
        {when('signInFrom', t('scenario.events.signInFrom'), errors.signIn)}
        {when('signInUntil', t('scenario.events.signInUntil'))}
      </div>
      <div className="field__row">
        {when('signOutFrom', t('scenario.events.signOutFrom'), errors.signOut)}
        {when('signOutUntil', t('scenario.events.signOutUntil'))}
      </div>
      <p className="field__hint">{t('scenario.events.signOutHint')}</p>
      <AudienceFieldset legend={t('scenario.audience')} value={draft.audience} onChange={(audience) => set({ audience })} departmentOptions={departmentOptions} tags={tags}>
        {draft.members.length > 0 ? <p className="field__hint">{t('scenario.audienceMembers', { n: draft.members.length })}</p> : null}
      </AudienceFieldset>
      {text('stepSeconds', t('scenario.events.step'), errors.step, t('scenario.events.stepHint'), 'numeric')}
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
