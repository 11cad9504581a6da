// The backend stores and returns only a masked ID-card number (a trigger
// keeps the cipher in app_private). The console masks again before display
// so a misconfigured view or an old row can never show a full number.

/** Keeps the first 3 and last 4 characters of an unmasked number. */
export function maskIdCard(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const v = value.trim();
  if (v.includes('*')) return v;
  if (v.length <= 7) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}
