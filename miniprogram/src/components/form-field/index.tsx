import { Input, Text, View } from '@tarojs/components';
import './index.scss';

export interface FormFieldProps {
  /** Used as the input's name and in class names, so tests and smoke scripts can find it. */
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  hint?: string;
  /** A zh-CN sentence under the input. */
  error?: string | null;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  maxLength?: number;
  disabled?: boolean;
}

/** A labelled input with a hint and an error line; the one input style of the app. */
export function FormField({ name, label, value, onChange, placeholder, hint, error, type = 'text', maxLength, disabled }: FormFieldProps) {
  return (
    <View className={`form-field form-field--${name}${error ? ' form-field--invalid' : ''}`}>
      <Text className="form-field__label">{label}</Text>
      <Input
        className="form-field__input"
        name={name}
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={maxLength ?? 140}
        disabled={disabled || undefined}
        onInput={(event) => onChange(event.detail.value)}
      />
      {error ? <Text className="form-field__error">{error}</Text> : hint ? <Text className="form-field__hint">{hint}</Text> : null}
    </View>
  );
}
