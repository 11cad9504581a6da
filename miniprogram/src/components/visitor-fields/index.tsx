import { Picker, Text, View } from '@tarojs/components';
import { FormField } from '../form-field';
import { t } from '../../i18n';
import type { VisitorDraft, VisitorDraftKey, VisitorErrors } from '../../lib/visits';
import './index.scss';

export interface VisitorFieldsProps {
  draft: VisitorDraft;
  errors: VisitorErrors;
  onChange(key: VisitorDraftKey, value: string): void;
  identityTypes: string[];
  sites: Array<{ id: string; name: string; address?: string | null }>;
  phoneRequired: boolean;
  idCardRequired: boolean;
  siteRequired: boolean;
  /** Date and start/end time (not for walk-ins). */
  showWindow: boolean;
}

function Chips({ name, options, value, onChange }: { name: string; options: Array<{ value: string; label: string }>; value: string; onChange(value: string): void }) {
  return (
    <View className={`visitor-fields__chips visitor-fields__chips--${name}`}>
      {options.map((option) => (
        <Text
          key={option.value}
          className={`visitor-fields__chip${value === option.value ? ' visitor-fields__chip--chosen' : ''}`}
          data-option={option.value}
          onClick={() => onChange(value === option.value ? '' : option.value)}
        >
          {option.label}
        </Text>
      ))}
    </View>
  );
}

const star = (required: boolean) => (required ? ' *' : '');

/** The visitor's own fields, the same for 访客申请, 邀请访客 and 访客登记. */
export function VisitorFields({ draft, errors, onChange, identityTypes, sites, phoneRequired, idCardRequired, siteRequired, showWindow }: VisitorFieldsProps) {
  return (
    <View className="visitor-fields">
      <FormField name="visitor-name" label={`${t('visitorForm.name')} *`} value={draft.name} error={errors.name} maxLength={50} onChange={(v) => onChange('name', v)} />
      <FormField
        name="visitor-phone"
        label={`${t('visitorForm.phone')}${star(phoneRequired)}`}
        value={draft.phone}
        error={errors.phone}
        type="number"
        maxLength={11}
        hint={t('visitorForm.phoneHint')}
        onChange={(v) => onChange('phone', v)}
      />
      <FormField
        name="visitor-id-card"
        label={`${t('visitorForm.idCard')}${star(idCardRequired)}`}
        value={draft.idCard}
        error={errors.idCard}
        type="idcard"
        maxLength={18}
        hint={t('visitorForm.idCardHint')}
        onChange={(v) => onChange('idCard', v)}
      />
      <FormField name="visitor-company" label={t('visitorForm.company')} value={draft.company} maxLength={100} onChange={(v) => onChange('company', v)} />
      {identityTypes.length > 0 && (
        <View className="visitor-fields__field">
          <Text className="visitor-fields__label">{t('visitorForm.identityType')}</Text>
          <Chips name="identity" options={identityTypes.map((type) => ({ value: type, label: type }))} value={draft.identityType} onChange={(v) => onChange('identityType', v)} />
        </View>
      )}
      <FormField name="visitor-purpose" label={t('visitorForm.purpose')} value={draft.purpose} maxLength={200} onChange={(v) => onChange('purpose', v)} />
      <FormField
        name="visitor-companions"
        label={t('visitorForm.companions')}
        value={draft.companions}
        error={errors.companions}
        type="number"
        maxLength={2}
        placeholder="0"
        onChange={(v) => onChange('companions', v)}
      />
      {sites.length > 0 && (
        <View className={`visitor-fields__field${errors.siteId ? ' visitor-fields__field--invalid' : ''}`}>
          <Text className="visitor-fields__label">{`${t('visitorForm.site')}${star(siteRequired)}`}</Text>
          <Chips name="site" options={sites.map((site) => ({ value: site.id, label: site.name }))} value={draft.siteId} onChange={(v) => onChange('siteId', v)} />
          {errors.siteId && <Text className="visitor-fields__error">{errors.siteId}</Text>}
        </View>
      )}
      {showWindow && (
        <View className={`visitor-fields__field visitor-fields__window${errors.date || errors.until ? ' visitor-fields__field--invalid' : ''}`}>
          <Text className="visitor-fields__label">{`${t('visitorForm.window')} *`}</Text>
          <View className="visitor-fields__row">
            <Picker mode="date" value={draft.date} onChange={(event) => onChange('date', String(event.detail?.value ?? ''))}>
              <View className="visitor-fields__picker visitor-fields__date">{draft.date || t('visitorForm.datePlaceholder')}</View>
            </Picker>
            <Picker mode="time" value={draft.from} onChange={(event) => onChange('from', String(event.detail?.value ?? ''))}>
              <View className="visitor-fields__picker visitor-fields__from">{draft.from}</View>
            </Picker>
            <Text className="visitor-fields__to">{t('visitorForm.to')}</Text>
            <Picker mode="time" value={draft.until} onChange={(event) => onChange('until', String(event.detail?.value ?? ''))}>
              <View className="visitor-fields__picker visitor-fields__until">{draft.until}</View>
            </Picker>
          </View>
          {(errors.date || errors.until) && <Text className="visitor-fields__error">{errors.date ?? errors.until}</Text>}
        </View>
      )}
    </View>
  );
}
