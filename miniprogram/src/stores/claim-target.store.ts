// The org a claim link (pages/claim/index?org=<slug>) asked for, kept across
// the detour through the login page (reLaunch drops page parameters), and
// cleared once the card is claimed or the account turns out to be a member.
import { taroStorage, type KeyValueStorage } from '../platform/storage';

export const CLAIM_TARGET_STORAGE_KEY = 'yima.claim_org';

export function createClaimTargetStore(storage: KeyValueStorage) {
  return {
    get(): string | null {
      return storage.getItem(CLAIM_TARGET_STORAGE_KEY);
    },
    set(org: string): void {
      storage.setItem(CLAIM_TARGET_STORAGE_KEY, org);
    },
    clear(): void {
      storage.removeItem(CLAIM_TARGET_STORAGE_KEY);
    },
  };
}

export const claimTarget = createClaimTargetStore(taroStorage);
