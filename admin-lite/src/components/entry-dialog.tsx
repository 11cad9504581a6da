import { useState } from 'react';
import { BUILTIN_APPS } from '@yima/shared/portal/apps';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { checkLink, emptyLink, type LinkDraft, type LinkErrors } from '../lib/portal-form.ts';
import type { CustomAppRow } from '../services/apps.service.ts';
import { createEntry, type EntryInput, type EntryKind, type EntryRow } from '../services/portal.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';
import { LinkFields } from './link-fields.tsx';

export interface EntryDialogProps {
  orgId: string;
  categoryId: string;
  categoryName: string;
  sortOrder: number;
  enabledApps: ReadonlySet<string>;
  customApps: readonly CustomAppRow[];
  onDone: (row: EntryRow) => void;
  onCancel: () => void;
}

const NONE = { app_key: null, custom_app_id: null, name: null, link_type: null, url: null, mp_appid: null, mp_path: null } as const;

/** 添加入口: an enabled built-in app, a self-built app, or a custom service (name + link). */
export function EntryDialog({ orgId, categoryId, categoryName, sortOrder, enabledApps, customApps, onDone, onCancel }: EntryDialogProps) {
  const apps = BUILTIN_APPS.filter((a) => enabledApps.has(a.key));
  const [kind, setKind] = useState<EntryKind>(apps.length ? 'app' : customApps.length ? 'custom_app' : 'link');
  const [appKey, setAppKey] = useState(apps[0]?.key ?? '');
  const [customId, setCustomId] = useState(customApps[0]?.id ?? '');
  const [name, setName] = useState('');
  const [link, setLink] = useState<LinkDraft>(emptyLink());
  const [errors, setErrors] = useState<{ pick?: string; name?: string; link: LinkErrors }>({ link: {} });
  const save = useAction((input: EntryInput) => createEntry(orgId, input));

  const submit = async () => {
    const base = { category_id: categoryId, kind, sort_order: sortOrder };
    let input: EntryInput | undefined;
    if (kind === 'app') input = appKey ? { ...base, ...NONE, app_key: appKey } : undefined;
    else if (kind === 'custom_app') input = customId ? { ...base, ...NONE, custom_app_id: customId } : undefined;
    const next: typeof errors = { link: {}, pick: kind !== 'link' && !input ? t('portal.entry.pickRule') : undefined };
    if (kind === 'link') {
      const trimmed = name.trim();
      const checked = checkLink(link);
      if (trimmed.length === 0 || trimmed.length > 20) next.name = t('portal.entry.nameRule');
      if (!checked.ok) next.link = checked.errors;
      if (!next.name && checked.ok) input = { ...base, ...NONE, name: trimmed, ...checked.value };
    }
    setErrors(next);
    if (!input) return;
    const outcome = await save.run(input);
    if (outcome.ok) onDone(outcome.value);
  };

  const kinds: ReadonlyArray<[EntryKind, string]> = [
    ['app', t('portal.entry.kind.app')],
    ['custom_app', t('portal.entry.kind.custom_app')],
    ['link', t('portal.entry.kind.link')],
  ];
  return (
    <FormDialog wide title={t('portal.entry.create', { name: categoryName })} submitLabel={t('portal.entry.add')} busyLabel={t('common.saving')} busy={save.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <fieldset className="field">
        <legend className="field__label">{t('portal.entry.kind')}</legend>
        <div className="check-list">
          {kinds.map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="entry-kind" checked={kind === value} onChange={() => setKind(value)} /> {label}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'app' ? (
        <FormField label={t('portal.entry.app')} hint={apps.length ? undefined : t('portal.entry.noApps')} error={errors.pick}>
          {({ id, describedBy, invalid }) => (
            <select id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={appKey} onChange={(e) => setAppKey(e.target.value)}>
              {apps.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.name['zh-CN']}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : null}
      {kind === 'custom_app' ? (
        <FormField label={t('portal.entry.customApp')} hint={customApps.length ? undefined : t('portal.entry.noCustomApps')} error={errors.pick}>
          {({ id, describedBy, invalid }) => (
            <select id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={customId} onChange={(e) => setCustomId(e.target.value)}>
              {customApps.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                  {a.enabled ? '' : t('portal.entry.disabledSuffix')}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : null}
      {kind === 'link' ? (
        <>
          <FormField label={t('portal.entry.name')} error={errors.name}>
            {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={20} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={name} onChange={(e) => setName(e.target.value)} />}
          </FormField>
          <LinkFields value={link} errors={errors.link} onChange={setLink} />
        </>
      ) : null}
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
