import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { checkCardImage } from '@yima/shared/cards/card-design';
import { useAction } from '../hooks/use-action.ts';
import { t } from '../i18n/index.ts';
import { fileBytes } from '../lib/file-bytes.ts';
import { checkLink, emptyLink, linkDraftOf, type LinkDraft, type LinkErrors } from '../lib/portal-form.ts';
import { createCustomApp, updateCustomApp, uploadAppLogo, type CustomAppInput, type CustomAppRow } from '../services/apps.service.ts';
import { mediaUrl } from '../services/cards.service.ts';
import { ErrorNotice } from './error-notice.tsx';
import { FormDialog } from './form-dialog.tsx';
import { FormField } from './form-field.tsx';
import { LinkFields } from './link-fields.tsx';

/** 新建 / 编辑自建应用: name, description, logo, link (H5 or mini-program), enabled. */
export function CustomAppDialog({ orgId, app, onDone, onCancel }: { orgId: string; app?: CustomAppRow; onDone: (row: CustomAppRow) => void; onCancel: () => void }) {
  const [name, setName] = useState(app?.name ?? '');
  const [description, setDescription] = useState(app?.description ?? '');
  const [logo, setLogo] = useState<string | null>(app?.logo_media_id ?? null);
  const [link, setLink] = useState<LinkDraft>(app ? linkDraftOf(app) : emptyLink());
  const [enabled, setEnabled] = useState(app?.enabled ?? true);
  const [errors, setErrors] = useState<{ name?: string; description?: string; logo?: string; link: LinkErrors }>({ link: {} });
  const localUrl = useRef<string>();
  useEffect(() => () => (localUrl.current ? URL.revokeObjectURL(localUrl.current) : undefined), []);
  const save = useAction((input: CustomAppInput) => (app ? updateCustomApp(orgId, app.id, input) : createCustomApp(orgId, input)));
  const upload = useAction((bytes: Uint8Array) => uploadAppLogo(orgId, bytes));

  const onLogo = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const bytes = new Uint8Array(await fileBytes(file));
    try {
      checkCardImage(bytes, 'logo');
    } catch (problem) {
      setErrors((e) => ({ ...e, logo: (problem as Error).message }));
      return;
    }
    setErrors((e) => ({ ...e, logo: undefined }));
    const outcome = await upload.run(bytes);
    if (!outcome.ok) return;
    if (typeof URL.createObjectURL === 'function') {
      if (localUrl.current) URL.revokeObjectURL(localUrl.current);
      localUrl.current = URL.createObjectURL(file);
    }
    setLogo(outcome.value);
  };

  const submit = async () => {
    const trimmed = name.trim();
    const checked = checkLink(link);
    const next = {
      name: trimmed.length === 0 || trimmed.length > 30 ? t('portal.custom.nameRule') : undefined,
      description: description.trim().length > 200 ? t('portal.custom.descriptionRule') : undefined,
      logo: errors.logo,
      link: checked.ok ? {} : checked.errors,
    };
    setErrors(next);
    if (next.name || next.description || !checked.ok) return;
    const outcome = await save.run({ name: trimmed, description: description.trim() || null, logo_media_id: logo, enabled, ...checked.value });
    if (outcome.ok) onDone(outcome.value);
  };

  const logoSrc = logo ? (localUrl.current ?? mediaUrl(logo)) : null;
  return (
    <FormDialog wide title={app ? t('portal.custom.editTitle', { name: app.name }) : t('portal.custom.create')} submitLabel={t('common.save')} busyLabel={t('common.saving')} busy={save.busy || upload.busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField label={t('portal.custom.name')} error={errors.name}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" maxLength={30} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={name} onChange={(e) => setName(e.target.value)} />}
      </FormField>
      <FormField label={t('portal.custom.description')} error={errors.description}>
        {({ id, describedBy, invalid }) => <textarea id={id} className="input" rows={2} maxLength={200} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </FormField>
      <FormField label={t('portal.custom.logo')} hint={t('portal.custom.logoHint')} error={errors.logo}>
        {({ id, describedBy }) => <input id={id} type="file" accept="image/png,image/jpeg" aria-describedby={describedBy} onChange={(e) => void onLogo(e)} />}
      </FormField>
      {logoSrc ? <img className="app-tile__logo" src={logoSrc} alt={t('portal.custom.logo')} /> : null}
      {upload.busy ? <p className="muted">{t('cards.uploading')}</p> : null}
      {upload.error ? <ErrorNotice error={upload.error} /> : null}
      <LinkFields value={link} errors={errors.link} onChange={setLink} />
      <label className="field">
        <input type="checkbox" checked={enabled} onChange={() => setEnabled(!enabled)} /> {t('portal.custom.enabled')}
      </label>
      {save.error ? <ErrorNotice error={save.error} /> : null}
    </FormDialog>
  );
}
