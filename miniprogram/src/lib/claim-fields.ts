// The identity fields card-claim may ask for (GET card-claim -> fields), how
// the claim form shows each one, and the client-side checks that mirror the
// function's own validation so people see mistakes before a failed attempt
// counts against the lock-out.
import { t, type MessageKey } from '../i18n';
import { idCardProblem, normaliseIdCard, type IdCardProblem } from './id-card';

export const CLAIM_FIELDS = ['employee_no', 'phone', 'id_card', 'name'] as const;
export type ClaimField = (typeof CLAIM_FIELDS)[number];
export type ClaimValues = Partial<Record<ClaimField, string>>;

export function isClaimField(value: unknown): value is ClaimField {
  return typeof value === 'string' && (CLAIM_FIELDS as readonly string[]).includes(value);
}

export interface ClaimFieldView {
  label: string;
  placeholder: string;
  hint: string;
  /** Taro Input type: 'number' and 'idcard' bring up the matching keyboard in WeChat. */
  inputType: 'text' | 'number' | 'idcard';
  maxLength: number;
}

/** Same limits as card-claim's zod schema. */
const MAX_LENGTH: Record<ClaimField, number> = { employee_no: 32, phone: 11, id_card: 18, name: 50 };
const INPUT_TYPE: Record<ClaimField, ClaimFieldView['inputType']> = { employee_no: 'text', phone: 'number', id_card: 'idcard', name: 'text' };

export function claimFieldLabel(field: ClaimField): string {
  return t(`claimField.${field}.label` as MessageKey);
}

export function claimFieldView(field: ClaimField): ClaimFieldView {
  return {
    label: claimFieldLabel(field),
    placeholder: t(`claimField.${field}.placeholder` as MessageKey),
    hint: t(`claimField.${field}.hint` as MessageKey),
    inputType: INPUT_TYPE[field],
    maxLength: MAX_LENGTH[field],
  };
}

/** The value as it is sent: trimmed; ID-card numbers without spaces and with an upper-case X. */
export function normaliseClaimValue(field: ClaimField, value: string): string {
  if (field === 'id_card') return normaliseIdCard(value);
  if (field === 'phone') return value.replace(/\s+/g, '');
  return value.trim();
}

const ID_CARD_MESSAGE: Record<IdCardProblem, MessageKey> = {
  length: 'claimValidation.idCardLength',
  format: 'claimValidation.idCardFormat',
  birth_date: 'claimValidation.idCardBirthDate',
  checksum: 'claimValidation.idCardChecksum',
};

/** A zh-CN sentence saying what is wrong with one field, or null when it is fine. */
export function validateClaimField(field: ClaimField, raw: string | undefined, today = new Date()): string | null {
  const value = normaliseClaimValue(field, raw ?? '');
  const label = claimFieldLabel(field);
  if (!value) return t('claimValidation.required', { label });
  switch (field) {
    case 'phone':
      if (!/^\d{11}$/.test(value)) return t('claimValidation.phoneLength');
      if (!/^1[3-9]\d{9}$/.test(value)) return t('claimValidation.phoneInvalid');
      return null;
    case 'id_card': {
      const problem = idCardProblem(value, today);
      return problem ? t(ID_CARD_MESSAGE[problem]) : null;
    }
    default:
      return value.length > MAX_LENGTH[field] ? t('claimValidation.tooLong', { label, max: MAX_LENGTH[field] }) : null;
  }
}

/** Errors for every asked field (only the wrong ones are keys). */
export function validateClaimForm(fields: readonly ClaimField[], values: ClaimValues, today = new Date()): Partial<Record<ClaimField, string>> {
  const errors: Partial<Record<ClaimField, string>> = {};
  for (const field of fields) {
    const message = validateClaimField(field, values[field], today);
    if (message) errors[field] = message;
  }
  return errors;
}
