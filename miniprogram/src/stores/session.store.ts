// Who is signed in: the access token our edge functions minted and the member
// it belongs to. Persisted through Taro storage (wx storage / localStorage) so
// a relaunch stays signed in until the token expires.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { taroStorage, type KeyValueStorage } from '../platform/storage';

export interface SessionMember {
  id: string;
  orgId: string;
  name: string;
  departmentId: string | null;
  accountId: string;
}

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  member: SessionMember;
}

export interface SessionState {
  session: Session | null;
  signIn(session: Session): void;
  signOut(): void;
}

export const SESSION_STORAGE_KEY = 'yima.session';

/** Treat a token as gone this long before it expires, so a request never races the expiry. */
const EXPIRY_MARGIN_MS = 30_000;

export function isSessionValid(session: Session | null, now = Date.now()): session is Session {
  return !!session && session.expiresAt - EXPIRY_MARGIN_MS > now;
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
        version: 1,
        storage: createJSONStorage(() => storage),
        partialize: (state) => ({ session: state.session }),
      },
    ),
  );
}

export const useSessionStore = createSessionStore(taroStorage);

/** The token to send, or null when signed out or expired (supabase-js then sends the anon key). */
export function currentAccessToken(now = Date.now()): string | null {
  const { session } = useSessionStore.getState();
  return isSessionValid(session, now) ? session.accessToken : null;
}
