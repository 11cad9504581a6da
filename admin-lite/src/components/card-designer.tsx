import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { CARD_LIMITS, checkCardImage, type CardFace } from '@yima/shared/cards/card-design';
import { t } from '../i18n/index.ts';
import { useAction } from '../hooks/use-action.ts';
import { blankEntry, checkDraft, draftFromCard, emptyDraft, type CardDraft, type DraftErrors, type EntryDraft } from '../lib/card-form.ts';
import { fileBytes } from '../lib/file-bytes.ts';
import type { PickerOption } from '../lib/department-scope.ts';
import { createCard, deleteCard, mediaUrl, updateCard, uploadCardImage, type CardRow } from '../services/cards.service.ts';
import { CardIssuance } from './card-issuance.tsx';
import { CardPreview } from './card-preview.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { FormField } from './form-field.tsx';

const POSITIONS: ReadonlyArray<CardFace['textPosition']> = ['top-left', 'top-right', 'center', 'bottom-left', 'bottom-right'];

export interface CardDesignerProps {
  orgId: string;
  orgName: string;
  orgSlug: string | undefined;
  /** undefined = creating a new card. */
  card: CardRow | undefined;
  departmentOptions: readonly PickerOption[];
  tags: ReadonlyArray<{ id: string; name: string }>;
  onSaved: (card: CardRow, created: boolean) => void;
  onDeleted: (card: CardRow) => void;
}

/**
 * The card designer: the form on the left, the live preview (and, for a
 * saved card, the issuance panel) on the right. Images are checked with
 * checkCardImage before upload and previewed from the local file.
 */
export function CardDesigner({ orgId, orgName, orgSlug, card, departmentOptions, tags, onSaved, onDeleted }: CardDesignerProps) {
  const creating = card === undefined;
  const [draft, setDraft] = useState<CardDraft>(() => (card ? draftFromCard(card) : emptyDraft()));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [imageError, setImageError] = useState<Partial<Record<'cover' | 'logo', string>>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  // Local object URLs of just-uploaded images, so the preview needs no round trip.
  const localUrls = useRef(new Map<string, string>());
  useEffect(() => {
    const urls = localUrls.current;
    return () => urls.forEach((url) => URL.revokeObjectURL(url));
  }, []);
  const imageUrl = (id: string) => localUrls.current.get(id) ?? mediaUrl(id);

  const save = useAction(async (next: CardDraft) => {
    const checked = checkDraft(next, creating);
    if (!checked.ok) {
      setErrors(checked.errors);
      return undefined;
    }
    setErrors({});
    return creating ? createCard(orgId, next.name.trim(), checked.patch) : updateCard(orgId, card.id, checked.patch);
  });
  const upload = useAction((purpose: 'card_logo' | 'card_cover', bytes: Uint8Array) => uploadCardImage(orgId, purpose, bytes));
  const remove = useAction(() => (card ? deleteCard(orgId, card.id) : Promise.resolve()));

  const set = <K extends keyof CardDraft>(key: K, value: CardDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setFace = (patch: Partial<CardFace>) => setDraft((d) => ({ ...d, face: { ...d.face, ...patch } }));

  const onImage = async (kind: 'cover' | 'logo', event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const bytes = new Uint8Array(await fileBytes(file));
    try {
      checkCardImage(bytes, kind);
    } catch (problem) {
      setImageError((e) => ({ ...e, [kind]: (problem as Error).message }));
      return;
    }
    setImageError((e) => ({ ...e, [kind]: undefined }));
    const outcome = await upload.run(kind === 'cover' ? 'card_cover' : 'card_logo', bytes);
    if (!outcome.ok) return;
    if (typeof URL.createObjectURL === 'function') localUrls.current.set(outcome.value, URL.createObjectURL(file));
    set(kind === 'cover' ? 'coverMediaId' : 'logoMediaId', outcome.value);
  };

  const onSave = async () => {
    const outcome = await save.run(draft);
    if (outcome.ok && outcome.value) onSaved(outcome.value, creating);
  };

  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const setInfo = (index: number, patch: Partial<{ label: string; url: string }>) =>
    set('infoItems', draft.infoItems.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const setEntry = (index: number, entry: EntryDraft) => set('entries', draft.entries.map((e, i) => (i === index ? entry : e)));

  return (
    <div className="designer">
      <form
        className="card"
        aria-label={creating ? t('cards.new') : t('cards.edit', { name: card.name })}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSave();
        }}
      >
        <h2>{creating ? t('cards.new') : card.name}</h2>
        <FormField label={t('cards.field.name')} error={errors.name} hint={creating ? t('cards.field.nameOnce') : t('cards.field.nameLocked')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              maxLength={30}
              readOnly={!creating}
              aria-readonly={!creating || undefined}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={draft.name}
              onChange={(e) => set('name', e.target.value)}
            />
          )}
        </FormField>
        <FormField label={t('cards.field.subtitle')} error={errors.subtitle}>
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input" maxLength={60} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={draft.subtitle} onChange={(e) => set('subtitle', e.target.value)} />
          )}
        </FormField>
        <FormField label={t('cards.field.description')} error={errors.description}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} className="input" rows={4} maxLength={2000} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={draft.description} onChange={(e) => set('description', e.target.value)} />
          )}
        </FormField>

        <fieldset className="field">
          <legend className="field__label">{t('cards.field.images')}</legend>
          <FormField label={t('cards.field.cover')} hint={t('cards.field.coverHint', { width: CARD_LIMITS.cover.width, height: CARD_LIMITS.cover.height })} error={imageError.cover}>
            {({ id, describedBy }) => <input id={id} type="file" accept="image/png,image/jpeg" aria-describedby={describedBy} onChange={(e) => void onImage('cover', e)} />}
          </FormField>
          <FormField label={t('cards.field.logo')} hint={t('cards.field.logoHint')} error={imageError.logo}>
            {({ id, describedBy }) => <input id={id} type="file" accept="image/png,image/jpeg" aria-describedby={describedBy} onChange={(e) => void onImage('logo', e)} />}
          </FormField>
          {upload.busy ? <p className="muted">{t('cards.uploading')}</p> : null}
          {upload.error ? <ErrorNotice error={upload.error} /> : null}
        </fieldset>

        <fieldset className="field">
          <legend className="field__label">{t('cards.field.face')}</legend>
          <FormField label={t('cards.face.position')}>
            {({ id }) => (
              <select id={id} className="input" value={draft.face.textPosition} onChange={(e) => setFace({ textPosition: e.target.value as CardFace['textPosition'] })}>
                {POSITIONS.map((p) => (
                  <option key={p} value={p}>
                    {t(`cards.face.pos.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label={t('cards.face.fontSize')} error={errors['face.fontSize']}>
            {({ id }) => (
              <input id={id} className="input" type="number" min={12} max={36} value={draft.face.fontSize} onChange={(e) => setFace({ fontSize: Number(e.target.value) })} />
            )}
          </FormField>
          <FormField label={t('cards.face.color')} error={errors['face.color']}>
            {({ id }) => <input id={id} type="color" value={draft.face.color} onChange={(e) => setFace({ color: e.target.value.toUpperCase() })} />}
          </FormField>
          <label>
            <input type="checkbox" checked={draft.face.textShadow} onChange={(e) => setFace({ textShadow: e.target.checked })} /> {t('cards.face.shadow')}
          </label>
        </fieldset>

        <fieldset className="field">
          <legend className="field__label">{t('cards.field.targeting')}</legend>
          <p className="field__hint">{t('cards.targeting.hint')}</p>
          <div className="check-list" role="group" aria-label={t('cards.targeting.departments')}>
            {departmentOptions.map((o) => (
              <label key={o.id}>
                <input type="checkbox" checked={draft.departments.includes(o.id)} onChange={() => set('departments', toggle(draft.departments, o.id))} /> {o.label}
              </label>
            ))}
          </div>
          <div className="check-list" role="group" aria-label={t('cards.targeting.tags')}>
            {tags.map((tag) => (
              <label key={tag.id}>
                <input type="checkbox" checked={draft.tags.includes(tag.id)} onChange={() => set('tags', toggle(draft.tags, tag.id))} /> {tag.name}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="field">
          <legend className="field__label">{t('cards.field.infoItems', { max: CARD_LIMITS.infoItems })}</legend>
          {draft.infoItems.map((item, i) => (
            <div className="repeat-row" key={i}>
              <input className="input" aria-label={t('cards.info.label', { n: i + 1 })} placeholder={t('cards.info.labelPlaceholder')} value={item.label} onChange={(e) => setInfo(i, { label: e.target.value })} />
              <input className="input" aria-label={t('cards.info.url', { n: i + 1 })} placeholder="https://" value={item.url} onChange={(e) => setInfo(i, { url: e.target.value })} />
              <button type="button" className="button button--ghost button--small" onClick={() => set('infoItems', draft.infoItems.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </button>
              {errors[`infoItems.${i}.label`] || errors[`infoItems.${i}.url`] ? (
                <small className="field__error">{errors[`infoItems.${i}.label`] ?? errors[`infoItems.${i}.url`]}</small>
              ) : null}
            </div>
          ))}
          {draft.infoItems.length < CARD_LIMITS.infoItems ? (
            <button type="button" className="button button--ghost button--small" onClick={() => set('infoItems', [...draft.infoItems, { label: '', url: '' }])}>
              {t('cards.info.add')}
            </button>
          ) : null}
        </fieldset>

        <fieldset className="field">
          <legend className="field__label">{t('cards.field.entries', { max: CARD_LIMITS.entries })}</legend>
          {draft.entries.map((entry, i) => {
            const problem = Object.entries(errors).find(([key]) => key.startsWith(`entries.${i}.`))?.[1];
            return (
              <div className="repeat-row" key={i}>
                <select className="input" aria-label={t('cards.entry.type', { n: i + 1 })} value={entry.type} onChange={(e) => setEntry(i, { ...blankEntry(e.target.value as EntryDraft['type']), label: entry.label })}>
                  <option value="h5">{t('cards.entry.h5')}</option>
                  <option value="miniprogram">{t('cards.entry.miniprogram')}</option>
                </select>
                <input className="input" aria-label={t('cards.entry.label', { n: i + 1 })} placeholder={t('cards.entry.labelPlaceholder')} value={entry.label} onChange={(e) => setEntry(i, { ...entry, label: e.target.value })} />
                {entry.type === 'h5' ? (
                  <input className="input" aria-label={t('cards.entry.url', { n: i + 1 })} placeholder="https://" value={entry.url} onChange={(e) => setEntry(i, { ...entry, url: e.target.value })} />
                ) : (
                  <>
                    <input className="input" aria-label={t('cards.entry.originalId', { n: i + 1 })} placeholder="gh_xxxxxxxxxxxx" value={entry.originalId} onChange={(e) => setEntry(i, { ...entry, originalId: e.target.value })} />
                    <input className="input" aria-label={t('cards.entry.path', { n: i + 1 })} placeholder="pages/index/index" value={entry.path} onChange={(e) => setEntry(i, { ...entry, path: e.target.value })} />
                    <input className="input" aria-label={t('cards.entry.fallbackUrl', { n: i + 1 })} placeholder="https://" value={entry.fallbackUrl} onChange={(e) => setEntry(i, { ...entry, fallbackUrl: e.target.value })} />
                  </>
                )}
                <button type="button" className="button button--ghost button--small" onClick={() => set('entries', draft.entries.filter((_, j) => j !== i))}>
                  {t('common.remove')}
                </button>
                {problem ? <small className="field__error">{problem}</small> : null}
              </div>
            );
          })}
          {draft.entries.length < CARD_LIMITS.entries ? (
            <button type="button" className="button button--ghost button--small" onClick={() => set('entries', [...draft.entries, blankEntry('h5')])}>
              {t('cards.entry.add')}
            </button>
          ) : null}
        </fieldset>

        {Object.keys(errors).length > 0 ? <p className="notice notice--error">{t('cards.fixErrors')}</p> : null}
        {save.error ? <ErrorNotice error={save.error} /> : null}
        {remove.error ? <ErrorNotice error={remove.error} /> : null}
        <div className="dialog__actions">
          {!creating ? (
            <button type="button" className="button button--ghost button--danger-text" onClick={() => setConfirmDelete(true)}>
              {t('cards.delete')}
            </button>
          ) : null}
          <button type="submit" className="button" disabled={save.busy || upload.busy}>
            {save.busy ? t('common.saving') : creating ? t('common.create') : t('common.save')}
          </button>
        </div>
      </form>
      <div className="designer__side">
        <section className="card" aria-label={t('cards.preview')}>
          <h2>{t('cards.preview')}</h2>
          <CardPreview draft={draft} imageUrl={imageUrl} />
        </section>
        {!creating ? <CardIssuance draft={draftFromCard(card)} orgName={orgName} orgSlug={orgSlug} /> : null}
      </div>
      {confirmDelete && card ? (
        <ConfirmDialog
          title={t('cards.deleteTitle', { name: card.name })}
          confirmLabel={t('cards.delete')}
          busyLabel={t('common.deleting')}
          busy={remove.busy}
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() =>
            void remove.run().then((outcome) => {
              setConfirmDelete(false);
              if (outcome.ok) onDeleted(card);
            })
          }
        >
          <p>{t('cards.deleteBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
