// Mainland resident ID-card numbers (GB 11643-1999): 6-digit region code,
// 8-digit birth date, 3-digit sequence and a check character computed as
// ISO 7064 MOD 11-2 over the first 17 digits. Only the 18-character form is
// accepted: the 15-digit form was retired in 2013 and card-claim rejects it.
// The birth date must be a real day between 1800 and today (not 1900: the
// demo seed uses the well-known sample 440524188001010014).

/** Weight of each of the first 17 digits: 2^(17-i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for (weighted sum mod 11). */
const CHECK_CHARS = '10X98765432';

/** The check character (0-9 or X) for 17 digits, or null when the input is not 17 digits. */
export function idCardCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Upper-cases a trailing x and drops spaces, as people type them. */
export function normaliseIdCard(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

function isValidBirthDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false; // 0230, 0431...
  return date.getTime() <= Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
}

export type IdCardProblem = 'length' | 'format' | 'birth_date' | 'checksum';

/** Why an ID-card number is wrong, or null when it is valid (after normaliseIdCard). */
export function idCardProblem(value: string, today = new Date()): IdCardProblem | null {
  const id = normaliseIdCard(value);
  if (id.length !== 18) return 'length';
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return 'format';
  if (!isValidBirthDate(id.slice(6, 14), today)) return 'birth_date';
  if (idCardCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export function isValidIdCard(value: string, today = new Date()): boolean {
  return idCardProblem(value, today) === null;
}
