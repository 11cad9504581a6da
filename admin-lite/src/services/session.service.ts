// The signed-in admin: the access token minted by an edge function (not
// GoTrue), who it belongs to, and when it expires. Kept in localStorage so
// a reload or a second tab stays signed in until the token's own expiry.
import { z } from 'zod';

const STORAGE_KEY = 'yima.admin.session';

const SessionSchema = z.object({
  accessToken: z.string().min(1),
  /** Epoch milliseconds. */
  expiresAt: z.number().int().positive(),
  userId: z.string().min(1),
  member: z.object({
    id: z.string().min(1),
    org_id: z.string().min(1),
    name: z.string(),
    department_id: z.string().nullable(),
  }),
  /** Known at login for dev personas; otherwise looked up from `orgs`. */
  orgName: z.string().optional(),
});

export type AdminSession = z.infer<typeof SessionSchema>;
export type SessionEndReason = 'logout' | 'expired';

type Listener = () => void;

let current: AdminSession | null | undefined;
let lastEndReason: SessionEndReason | undefined;
const listeners = new Set<Listener>();

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled (privacy mode): session lives in memory only
  }
}

function readStored(now: number): AdminSession | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = SessionSchema.safeParse(JSON.parse(raw));
    if (parsed.success && parsed.data.expiresAt > now) return parsed.data;
  } catch {
    // corrupt entry: fall through and drop it
  }
  storage()?.removeItem(STORAGE_KEY);
  return null;
}

function emit(): void {
  for (const listener of listeners) listener();
}

/** The current session (stable object between changes, for useSyncExternalStore). */
export function getSession(): AdminSession | null {
  if (current === undefined) current = readStored(Date.now());
  return current;
}

/** The bearer for supabase-js; null (-> anon key) when signed out or expired. */
export function getAccessToken(now = Date.now()): string | null {
  const session = getSession();
  return session && session.expiresAt > now ? session.accessToken : null;
}

export function saveSession(session: AdminSession): void {
  const valid = SessionSchema.parse(session);
  storage()?.setItem(STORAGE_KEY, JSON.stringify(valid));
  current = valid;
  lastEndReason = undefined;
  emit();
}

export function clearSession(reason: SessionEndReason): void {
  storage()?.removeItem(STORAGE_KEY);
  if (current === null && lastEndReason !== undefined) return;
  current = null;
  lastEndReason = reason;
  emit();
}

/** Why the last session ended, so the login page can say "登录已失效". */
export function getLastEndReason(): SessionEndReason | undefined {
  return lastEndReason;
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Test hook: forget the in-memory copy so the next read hits storage. */
export function resetSessionCacheForTests(): void {
  current = undefined;
  lastEndReason = undefined;
}
