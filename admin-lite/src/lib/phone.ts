// Mainland mobile numbers, as auth-sms accepts them (11 digits, 1[3-9]…).

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** Drops spaces and dashes people type or paste ("138 0000 0001", "+86 138-…"). */
export function normalizePhone(input: string): string {
  const compact = input.replace(/[\s-]/g, '');
  return compact.startsWith('+86') ? compact.slice(3) : compact;
}

export function isMainlandMobile(phone: string): boolean {
  return MAINLAND_MOBILE.test(phone);
}
