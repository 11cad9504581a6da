import { useMemo, useState, type FormEvent } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { useDebouncedValue } from '../hooks/use-debounced-value.ts';
import { useDepartments } from '../hooks/use-departments.ts';
import { useMembers } from '../hooks/use-members.ts';
import { useTags } from '../hooks/use-tags.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { manageableDepartmentIds, pickerOptions } from '../lib/department-scope.ts';
import { fileBytes } from '../lib/file-bytes.ts';
import { readImportFile } from '../lib/import/import-sheet.ts';
import { personalRowsFromSheet, type PersonalSheet } from '../lib/notice-import.ts';
import {
  emptyField,
  emptyNoticeForm,
  FIELD_TYPES,
  moveChannel,
  noticeToForm,
  validateNoticeForm,
  type FieldDraft,
  type NoticeFormErrors,
  type NoticeFormValues,
} from '../lib/notice-form.ts';
import type { AdminProfile } from '../services/admin-profile.service.ts';
import {
  createNoticeDraft,
  NOTICE_CHANNELS,
  NOTICE_TEMPLATES,
  sendNotice,
  updateNoticeDraft,
  type NoticeChannel,
  type NoticeRow,
  type SendNoticeResult,
} from '../services/notices.service.ts';
import type { AdminSession } from '../services/session.service.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { DepartmentPicker } from './department-picker.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormField } from './form-field.tsx';

export const templateLabel = (template: string) => t(`notices.template.${template}` as MessageKey);
export const channelLabel = (channel: string) => t(`notices.channel.${channel}` as MessageKey);

export interface NoticeEditorProps {
  session: AdminSession;
  profile: AdminProfile;
  /** undefined = a new notice. */
  notice?: NoticeRow;
  onSaved: (notice: NoticeRow) => void;
  onSent: (result: SendNoticeResult) => void;
  onClose: () => void;
}

/**
 * 新建 / 编辑通知: template, title, body, push order, audience (departments,
 * tags, members), optional schedule and, for form notices, the fields. Save
 * draft first; then 预览范围 (a dry run: how many people, or every problem)
 * and 发送 with a confirmation.
 */
export function NoticeEditor({ session, profile, notice, onSaved, onSent, onClose }: NoticeEditorProps) {
  const orgId = session.member.org_id;
  const [values, setValues] = useState<NoticeFormValues>(() => (notice ? noticeToForm(notice) : emptyNoticeForm()));
  const [errors, setErrors] = useState<NoticeFormErrors>({});
  const [saved, setSaved] = useState<NoticeRow | undefined>(notice);
  const [dirty, setDirty] = useState(false);
  const [preview, setPreview] = useState<SendNoticeResult>();
  const [confirming, setConfirming] = useState(false);
  // Import notices: the uploaded sheet (not stored in the draft; re-upload after reopening).
  const [sheet, setSheet] = useState<PersonalSheet>();
  const [sheetError, setSheetError] = useState<string>();
  const isImport = values.template === 'import';
  // Scoped admins send within one of their departments (chosen when they have several).
  const scopeIds = profile.is_super ? [] : (profile.scope_department_ids ?? []);
  const [scopeDepartmentId, setScopeDepartmentId] = useState<string | null>(profile.is_super ? null : (scopeIds[0] ?? null));
  const set = (patch: Partial<NoticeFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
    setPreview(undefined);
  };

  const departments = useDepartments(orgId);
  const tags = useTags(orgId);
  const manageable = useMemo(
    () => manageableDepartmentIds(departments.index, profile.is_super ? null : (profile.scope_department_ids ?? [])),
    [departments.index, profile.is_super, profile.scope_department_ids],
  );
  const departmentOptions = useMemo(() => pickerOptions(departments.tree, manageable), [departments.tree, manageable]);
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 300);
  const found = useMembers({ orgId, search: debounced, page: 1, pageSize: 8 }, debounced.length > 0);
  const [memberNames, setMemberNames] = useState<Record<string, string>>({});

  const save = useAction(async (draft: Parameters<typeof createNoticeDraft>[2]) =>
    saved
      ? updateNoticeDraft(orgId, saved.id, draft)
      : createNoticeDraft(
          orgId,
          { memberId: session.member.id, scopeDepartmentId },
          draft,
        ),
  );
  const send = useAction((noticeId: string, dryRun: boolean) =>
    sendNotice(noticeId, { dryRun, ...(isImport && sheet ? { personalRows: sheet.rows } : {}) }),
  );

  const onFile = async (file: File | undefined) => {
    setSheet(undefined);
    setSheetError(undefined);
    setPreview(undefined);
    if (!file) return;
    try {
      const parsed = personalRowsFromSheet(await readImportFile(await fileBytes(file), file.name));
      setSheet(parsed);
      // New columns must be saved with the draft before it can be sent.
      if (parsed.columns.join('\n') !== (saved?.import_columns ?? []).join('\n')) setDirty(true);
    } catch (error) {
      setSheetError(error instanceof Error ? error.message : String(error));
    }
  };

  const onSave = async (event?: FormEvent) => {
    event?.preventDefault();
    const result = validateNoticeForm(values, new Date(), sheet?.columns ?? saved?.import_columns ?? null);
    setErrors(result.ok ? {} : result.errors);
    if (!result.ok) return;
    if (isImport && !sheet && !saved) {
      setSheetError(t('notices.import.needFile'));
      return;
    }
    const outcome = await save.run(result.draft);
    if (outcome.ok) {
      setSaved(outcome.value);
      setDirty(false);
      onSaved(outcome.value);
    }
  };

  const onPreview = async () => {
    if (!saved) return;
    const outcome = await send.run(saved.id, true);
    if (outcome.ok) setPreview(outcome.value);
  };

  const onSend = async () => {
    if (!saved) return;
    const outcome = await send.run(saved.id, false);
    setConfirming(false);
    if (!outcome.ok) return;
    if (outcome.value.errors.length > 0 || !outcome.value.ok) setPreview(outcome.value);
    else onSent(outcome.value);
  };

  const toggleChannel = (channel: NoticeChannel, on: boolean) =>
    set({ channels: on ? [...values.channels, channel] : values.channels.filter((c) => c !== channel) });
  const audience = values.audience;
  const addDepartment = (id: string) => {
    if (id && !audience.department_ids.includes(id)) set({ audience: { ...audience, department_ids: [...audience.department_ids, id] } });
  };
  const toggleTag = (id: string, on: boolean) =>
    set({ audience: { ...audience, tag_ids: on ? [...audience.tag_ids, id] : audience.tag_ids.filter((x) => x !== id) } });
  const addMember = (id: string, name: string) => {
    setMemberNames((m) => ({ ...m, [id]: name }));
    if (!audience.member_ids.includes(id)) set({ audience: { ...audience, member_ids: [...audience.member_ids, id] } });
  };
  const setField = (index: number, patch: Partial<FieldDraft>) =>
    set({ fields: values.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) });

  const sheetBlocks = isImport && (!sheet || sheet.problems.length > 0);
  const unsavedOrNew = !saved || dirty;

  return (
    <section className="card notice-editor" aria-label={t('notices.editor')}>
      <form onSubmit={(event) => void onSave(event)} noValidate>
        <h2>{saved ? t('notices.editTitle') : t('notices.newTitle')}</h2>
        <FormField label={t('notices.templateLabel')}>
          {({ id }) => (
            <select
              id={id}
              className="input"
              value={values.template}
              disabled={Boolean(saved)}
              onChange={(event) => set({ template: event.target.value as NoticeFormValues['template'] })}
            >
              {NOTICE_TEMPLATES.map((tpl) => (
                <option key={tpl} value={tpl}>
                  {templateLabel(tpl)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {!saved && scopeIds.length > 1 ? (
          <FormField label={t('notices.scopeLabel')} hint={t('notices.scopeHint')}>
            {({ id, describedBy }) => (
              <select id={id} className="input" aria-describedby={describedBy} value={scopeDepartmentId ?? ''} onChange={(event) => setScopeDepartmentId(event.target.value)}>
                {scopeIds.map((dep) => (
                  <option key={dep} value={dep}>
                    {departments.index.get(dep)?.department.name ?? dep}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
        <FormField label={t('notices.titleLabel')} error={errors.title}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              maxLength={100}
              value={values.title}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => set({ title: event.target.value })}
            />
          )}
        </FormField>
        <FormField label={t('notices.bodyLabel')} error={errors.body}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className="input"
              rows={6}
              value={values.body}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => set({ body: event.target.value })}
            />
          )}
        </FormField>

        <fieldset className="field">
          <legend className="field__label">{t('notices.channelsLabel')}</legend>
          <small className="field__hint">{t('notices.channelsHint')}</small>
          <ol className="notice-channels">
            {values.channels.map((channel, i) => (
              <li key={channel}>
                <label>
                  <input type="checkbox" checked onChange={() => toggleChannel(channel, false)} /> {i + 1}. {channelLabel(channel)}
                </label>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={t('notices.moveUp', { channel: channelLabel(channel) })}
                  disabled={i === 0}
                  onClick={() => set({ channels: moveChannel(values.channels, channel, -1) })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={t('notices.moveDown', { channel: channelLabel(channel) })}
                  disabled={i === values.channels.length - 1}
                  onClick={() => set({ channels: moveChannel(values.channels, channel, 1) })}
                >
                  ↓
                </button>
              </li>
            ))}
            {NOTICE_CHANNELS.filter((c) => !values.channels.includes(c)).map((channel) => (
              <li key={channel}>
                <label>
                  <input type="checkbox" checked={false} onChange={() => toggleChannel(channel, true)} /> {channelLabel(channel)}
                </label>
              </li>
            ))}
          </ol>
          {errors.channels ? <small className="field__error">{errors.channels}</small> : null}
        </fieldset>

        {isImport ? (
          <fieldset className="field">
            <legend className="field__label">{t('notices.import.label')}</legend>
            <small className="field__hint">{t('notices.import.hint')}</small>
            <FormField label={t('notices.import.file')} error={sheetError}>
              {({ id, describedBy }) => (
                <input
                  id={id}
                  className="input"
                  type="file"
                  accept=".xlsx,.csv"
                  aria-describedby={describedBy}
                  onChange={(event) => void onFile(event.target.files?.[0])}
                />
              )}
            </FormField>
            {sheet ? (
              <p className="muted">{t('notices.import.summary', { rows: sheet.rows.length, columns: sheet.columns.join('、') })}</p>
            ) : saved?.import_columns?.length ? (
              <p className="muted">{t('notices.import.reupload', { columns: saved.import_columns.join('、') })}</p>
            ) : null}
            {sheet && sheet.problems.length > 0 ? (
              <div className="notice notice--error" role="alert">
                <p>{t('notices.import.problems', { count: sheet.problems.length })}</p>
                <ul>
                  {sheet.problems.map((problem, i) => (
                    <li key={i}>{problem}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </fieldset>
        ) : (
          <fieldset className="field">
            <legend className="field__label">{t('notices.audienceLabel')}</legend>
            <FormField label={t('notices.addDepartment')}>
              {({ id }) => <DepartmentPicker id={id} options={departmentOptions} value="" onChange={addDepartment} />}
            </FormField>
            <ul className="chips" aria-label={t('notices.chosenDepartments')}>
              {audience.department_ids.map((id) => (
                <li key={id} className="chip">
                  {departments.index.get(id)?.department.name ?? id}
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={t('notices.remove', { name: departments.index.get(id)?.department.name ?? id })}
                    onClick={() => set({ audience: { ...audience, department_ids: audience.department_ids.filter((x) => x !== id) } })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            {tags.data && tags.data.length > 0 ? (
              <div className="field" role="group" aria-label={t('notices.tags')}>
                <span className="field__label">{t('notices.tags')}</span>
                {tags.data.map((tag) => (
                  <label key={tag.id} className="checkbox-inline">
                    <input type="checkbox" checked={audience.tag_ids.includes(tag.id)} onChange={(event) => toggleTag(tag.id, event.target.checked)} /> {tag.name}
                  </label>
                ))}
              </div>
            ) : null}
            <FormField label={t('notices.searchMembers')}>
              {({ id }) => <input id={id} className="input" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />}
            </FormField>
            {debounced && found.data ? (
              <ul className="notice-member-results">
                {found.data.rows.map((m) => (
                  <li key={m.id}>
                    <button type="button" className="button button--ghost button--small" onClick={() => addMember(m.id, m.name)} disabled={audience.member_ids.includes(m.id)}>
                      {t('notices.addMember', { name: m.name, no: m.employee_no ?? '' })}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <ul className="chips" aria-label={t('notices.chosenMembers')}>
              {audience.member_ids.map((id) => (
                <li key={id} className="chip">
                  {memberNames[id] ?? id}
                  <button
                    type="button"
                    className="chip__remove"
                    aria-label={t('notices.remove', { name: memberNames[id] ?? id })}
                    onClick={() => set({ audience: { ...audience, member_ids: audience.member_ids.filter((x) => x !== id) } })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            {errors.audience ? <small className="field__error">{errors.audience}</small> : null}
          </fieldset>
        )}

        <FormField label={t('notices.scheduleLabel')} hint={t('notices.scheduleHint')} error={errors.scheduledAt}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              type="datetime-local"
              value={values.scheduledAt}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => set({ scheduledAt: event.target.value })}
            />
          )}
        </FormField>

        {values.template === 'form' ? (
          <fieldset className="field">
            <legend className="field__label">{t('notices.fieldsLabel')}</legend>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('notices.field.key')}</th>
                  <th>{t('notices.field.type')}</th>
                  <th>{t('notices.field.label')}</th>
                  <th>{t('notices.field.required')}</th>
                  <th>{t('notices.field.options')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {values.fields.map((field, i) => (
                  <tr key={i}>
                    <td>
                      <input className="input" aria-label={t('notices.field.keyOf', { n: i + 1 })} value={field.key} onChange={(e) => setField(i, { key: e.target.value })} />
                    </td>
                    <td>
                      <select
                        className="input"
                        aria-label={t('notices.field.typeOf', { n: i + 1 })}
                        value={field.type}
                        onChange={(e) => setField(i, { type: e.target.value as FieldDraft['type'] })}
                      >
                        {FIELD_TYPES.map((type) => (
                          <option key={type} value={type}>
                            {t(`notices.fieldType.${type}` as MessageKey)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input className="input" aria-label={t('notices.field.labelOf', { n: i + 1 })} value={field.label} onChange={(e) => setField(i, { label: e.target.value })} />
                    </td>
                    <td>
                      <input type="checkbox" aria-label={t('notices.field.requiredOf', { n: i + 1 })} checked={field.required} onChange={(e) => setField(i, { required: e.target.checked })} />
                    </td>
                    <td>
                      {field.type === 'select' || field.type === 'multi_select' ? (
                        <textarea
                          className="input"
                          rows={3}
                          aria-label={t('notices.field.optionsOf', { n: i + 1 })}
                          value={field.options}
                          onChange={(e) => setField(i, { options: e.target.value })}
                        />
                      ) : null}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button--ghost button--small button--danger-text"
                        disabled={values.fields.length === 1}
                        onClick={() => set({ fields: values.fields.filter((_, j) => j !== i) })}
                      >
                        {t('notices.field.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" className="button button--ghost button--small" onClick={() => set({ fields: [...values.fields, emptyField(values.fields.length + 1)] })}>
              {t('notices.field.add')}
            </button>
            {errors.fields ? (
              <small className="field__error" role="alert">
                {errors.fields}
              </small>
            ) : null}
          </fieldset>
        ) : null}

        {save.error ? <ErrorNotice error={save.error} /> : null}
        {send.error ? <ErrorNotice error={send.error} /> : null}
        {preview ? <SendPreview result={preview} /> : null}

        <div className="dialog__actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('notices.close')}
          </button>
          <button type="submit" className="button button--ghost" disabled={save.busy}>
            {save.busy ? t('common.saving') : t('notices.saveDraft')}
          </button>
          <button type="button" className="button button--ghost" disabled={unsavedOrNew || sheetBlocks || send.busy} onClick={() => void onPreview()}>
            {t('notices.preview')}
          </button>
          <button
            type="button"
            className="button"
            disabled={unsavedOrNew || sheetBlocks || send.busy || !preview || !preview.ok || preview.errors.length > 0}
            onClick={() => setConfirming(true)}
          >
            {t('notices.send')}
          </button>
        </div>
        {unsavedOrNew ? <p className="muted">{t('notices.saveFirst')}</p> : null}
      </form>
      {confirming && saved && preview ? (
        <ConfirmDialog
          title={t('notices.sendTitle', { title: saved.title })}
          confirmLabel={values.scheduledAt ? t('notices.schedule') : t('notices.send')}
          busyLabel={t('notices.sending')}
          busy={send.busy}
          onConfirm={() => void onSend()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('notices.sendBody', { count: preview.recipients })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** The dry run's answer: the head count, or every problem (then nothing can be sent). */
export function SendPreview({ result }: { result: SendNoticeResult }) {
  if (result.ok && result.errors.length === 0)
    return (
      <p className="notice notice--success" role="status">
        {t('notices.previewOk', { count: result.recipients })}
      </p>
    );
  return (
    <div className="notice notice--error" role="alert">
      <p>{t('notices.previewErrors', { count: result.errors.length })}</p>
      <ul>
        {result.errors.map((error, i) => (
          <li key={i}>{error.message || error.code}</li>
        ))}
      </ul>
    </div>
  );
}
