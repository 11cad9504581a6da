// Validation of Chinese identity numbers and mainland mobile numbers, shared
// by the import pipeline, the claim form and the database's own re-checks.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643-1999 check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

export type IdCardProblem = 'format' | 'birth_date' | 'checksum';

/** Why an 18-character resident ID number is invalid, or null if it is valid. */
export function idCardProblem(value: string): IdCardProblem | null {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1800 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'birth_date';
  }
  return idCardCheckChar(id) === id[17] ? null : 'checksum';
}

export function isValidIdCard(value: string): boolean {
  return idCardProblem(value) === null;
}

/** Mainland mobile number: 11 digits starting 13-19. */
export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value.trim());
}

/** 138****0001: what the apps show instead of a full number. */
export function maskMobile(value: string): string {
  return value.length === 11 ? `${value.slice(0, 3)}****${value.slice(7)}` : value;
}
