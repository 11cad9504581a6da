import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { FormDefinition, FormField } from '@yima/shared/forms/index';
import { t } from '../../i18n';
import { toggleOption, WEB_ONLY_TYPES, type DraftValue, type FieldErrors, type FormDraft } from '../../lib/notice-form';
import './index.scss';

export interface NoticeFormProps {
  definition: FormDefinition;
  draft: FormDraft;
  errors: FieldErrors;
  onChange(key: string, value: DraftValue): void;
  onSubmit(): void;
  busy: boolean;
  submitted: boolean;
}

const INPUT_TYPE: Partial<Record<FormField['type'], 'text' | 'number' | 'idcard' | 'digit'>> = {
  text: 'text',
  number: 'digit',
  phone: 'number',
  id_card: 'idcard',
};

export function FieldInput({ field, value, onChange }: { field: FormField; value: DraftValue | undefined; onChange(value: DraftValue): void }) {
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'textarea':
      return (
        <Textarea
          className="notice-form__textarea"
          name={field.key}
          value={text}
          maxlength={field.max ?? 2000}
          onInput={(event) => onChange(event.detail?.value ?? '')}
        />
      );
    case 'select':
    case 'multi_select': {
      const chosen = Array.isArray(value) ? value : text ? [text] : [];
      return (
        <View className="notice-form__options">
          {(field.options ?? []).map((option) => (
            <Text
              key={option}
              className={`notice-form__option${chosen.includes(option) ? ' notice-form__option--chosen' : ''}`}
              data-option={option}
              onClick={() => onChange(field.type === 'select' ? (text === option ? '' : option) : toggleOption(value, option))}
            >
              {option}
            </Text>
          ))}
        </View>
      );
    }
    case 'date':
      return (
        <Picker mode="date" value={text} onChange={(event) => onChange(String(event.detail?.value ?? ''))}>
          <View className="notice-form__picker">{text || t('notice.datePlaceholder')}</View>
        </Picker>
      );
    case 'photo':
    case 'signature':
      return <Text className="notice-form__web-only">{t('notice.uploadOnWeb')}</Text>;
    default:
      return (
        <Input
          className="notice-form__input"
          name={field.key}
          type={INPUT_TYPE[field.type] ?? 'text'}
          value={text}
          maxlength={field.type === 'phone' ? 11 : field.type === 'id_card' ? 18 : (field.max ?? 140)}
          onInput={(event) => onChange(event.detail.value)}
        />
      );
  }
}

/** A form notice's fields, rendered from its definition with the shared field types. */
export function NoticeForm({ definition, draft, errors, onChange, onSubmit, busy, submitted }: NoticeFormProps) {
  return (
    <View className="notice-form">
      <Text className="notice-form__heading">{t('notice.formHeading')}</Text>
      {submitted && <Text className="notice-form__submitted">{t('notice.formSubmitted')}</Text>}
      {definition.fields.map((field) => (
        <View
          key={field.key}
          className={`notice-form__field notice-form__field--${field.key}${errors[field.key] ? ' notice-form__field--invalid' : ''}`}
          data-type={field.type}
        >
          <Text className="notice-form__label">
            {field.label}
            {field.required && !WEB_ONLY_TYPES.has(field.type) ? ' *' : ''}
          </Text>
          <FieldInput field={field} value={draft[field.key]} onChange={(value) => onChange(field.key, value)} />
          {errors[field.key] ? (
            <Text className="notice-form__error">{errors[field.key]}</Text>
          ) : field.hint ? (
            <Text className="notice-form__hint">{field.hint}</Text>
          ) : null}
        </View>
      ))}
      <Button className="notice-form__submit" type="primary" loading={busy || undefined} disabled={busy || undefined} onClick={onSubmit}>
        {busy ? t('notice.formSubmitting') : t('notice.formSubmit')}
      </Button>
    </View>
  );
}
