// Who is signed in: the session our identity functions issued (a short-lived
// access token, a rotating refresh token, the current member and every
// membership of the account). Persisted through Taro storage (wx storage /
// localStorage) so a relaunch stays signed in for as long as the refresh
// token lives; services/session-fetch.ts renews the access token.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { taroStorage, type KeyValueStorage } from '../platform/storage';

/** The member the access token speaks for (its org_id / member_id claims). */
export interface SessionMember {
  id: string;
  orgId: string;
  name: string;
  departmentId: string | null;
}

/** One org the account has claimed a card in. */
export interface Membership {
  orgId: string;
  orgName: string;
  orgSlug: string;
  memberId: string;
  memberName: string;
  departmentId: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Access-token expiry, epoch milliseconds on this device's clock. */
  expiresAt: number;
  accountId: string;
  /** Null until the account claims a card (card-claim). */
  member: SessionMember | null;
  memberships: Membership[];
}

export interface SessionState {
  session: Session | null;
  signIn(session: Session): void;
  signOut(): void;
}

export const SESSION_STORAGE_KEY = 'yima.session';
/** 2: refresh tokens and memberships. Version-1 sessions (no refresh token) are dropped. */
const SESSION_STORAGE_VERSION = 2;

/** Renew the access token this long before it expires, so a request never races the expiry. */
export const EXPIRY_MARGIN_MS = 60_000;

/** True when there is a session to use: the access token may be stale, the refresh token renews it. */
export function isSignedIn(session: Session | null): session is Session {
  return !!session && !!session.accessToken && !!session.refreshToken;
}

/** True when the access token is expired or about to be. */
export function needsRefresh(session: Pick<Session, 'expiresAt'>, now = Date.now()): boolean {
  return session.expiresAt - EXPIRY_MARGIN_MS <= now;
}

export function createSessionStore(storage: KeyValueStorage) {
  return create<SessionState>()(
    persist(
      (set) => ({
        session: null,
        signIn: (session) => set({ session }),
        signOut: () => set({ session: null }),
      }),
      {
        name: SESSION_STORAGE_KEY,
        version: SESSION_STORAGE_VERSION,
        storage: createJSONStorage(() => storage),
        partialize: (state) => ({ session: state.session }),
        // An older session cannot be renewed (no refresh token): sign in again.
        migrate: () => ({ session: null }),
      },
    ),
  );
}

export const useSessionStore = createSessionStore(taroStorage);

/** The access token to send (possibly stale: the session fetch renews it), or null when signed out. */
export function currentAccessToken(): string | null {
  const { session } = useSessionStore.getState();
  return isSignedIn(session) ? session.accessToken : null;
}
