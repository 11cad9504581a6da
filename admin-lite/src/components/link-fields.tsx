import { t } from '../i18n/index.ts';
import type { LinkDraft, LinkErrors } from '../lib/portal-form.ts';
import { FormField } from './form-field.tsx';

const ERROR_KEYS = { urlRule: 'portal.link.urlRule', appidRule: 'portal.link.appidRule', pathRule: 'portal.link.pathRule' } as const;

/** 链接类型: H5 (https URL) or 小程序 (original id / AppID, path, fallback URL). */
export function LinkFields({ value, errors, onChange }: { value: LinkDraft; errors: LinkErrors; onChange: (value: LinkDraft) => void }) {
  const error = (key: keyof LinkErrors) => (errors[key] ? t(ERROR_KEYS[errors[key]]) : undefined);
  const set = (patch: Partial<LinkDraft>) => onChange({ ...value, ...patch });
  return (
    <>
      <fieldset className="field">
        <legend className="field__label">{t('portal.link.type')}</legend>
        <div className="check-list">
          <label>
            <input type="radio" name="link-type" checked={value.linkType === 'h5'} onChange={() => set({ linkType: 'h5' })} /> {t('portal.link.h5')}
          </label>
          <label>
            <input type="radio" name="link-type" checked={value.linkType === 'miniprogram'} onChange={() => set({ linkType: 'miniprogram' })} /> {t('portal.link.miniprogram')}
          </label>
        </div>
      </fieldset>
      {value.linkType === 'miniprogram' ? (
        <>
          <FormField label={t('portal.link.appid')} hint={t('portal.link.appidHint')} error={error('mpAppid')}>
            {({ id, describedBy, invalid }) => <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value.mpAppid} onChange={(e) => set({ mpAppid: e.target.value })} />}
          </FormField>
          <FormField label={t('portal.link.path')} hint={t('portal.link.pathHint')} error={error('mpPath')}>
            {({ id, describedBy, invalid }) => <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value.mpPath} onChange={(e) => set({ mpPath: e.target.value })} />}
          </FormField>
        </>
      ) : null}
      <FormField label={value.linkType === 'h5' ? t('portal.link.url') : t('portal.link.fallback')} hint={t('portal.link.urlHint')} error={error('url')}>
        {({ id, describedBy, invalid }) => <input id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value.url} onChange={(e) => set({ url: e.target.value })} />}
      </FormField>
    </>
  );
}
