// The last card face shown (name, department, org), so the card page can
// show the card and its code with no network.
import type { KeyValueStorage } from '../platform/storage';
import type { MemberProfile } from '../services/member.service';

export const PROFILE_CACHE_STORAGE_KEY = 'yima.card.profile';

export function saveCachedProfile(storage: KeyValueStorage, profile: MemberProfile): void {
  storage.setItem(PROFILE_CACHE_STORAGE_KEY, JSON.stringify(profile));
}

/** The cached profile of exactly this member, or null. */
export function cachedProfile(storage: KeyValueStorage, member: { id: string; orgId: string }): MemberProfile | null {
  try {
    const value = JSON.parse(storage.getItem(PROFILE_CACHE_STORAGE_KEY) ?? 'null') as MemberProfile | null;
    return value && value.id === member.id && value.orgId === member.orgId && typeof value.name === 'string' ? value : null;
  } catch {
    return null;
  }
}
