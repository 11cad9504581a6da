// What people type for a phone number, cleaned up before @yima/shared's
// isValidMobile checks it (11 digits, 1[3-9]…, as auth-sms accepts).

/** Drops spaces and dashes people type or paste ("138 0000 0001", "+86 138-…"). */
export function normalizePhone(input: string): string {
  const compact = input.replace(/[\s-]/g, '');
  return compact.startsWith('+86') ? compact.slice(3) : compact;
}
