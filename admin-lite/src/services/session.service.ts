// The signed-in admin: the access token minted by an edge function (not
// GoTrue), the rotating refresh token, who it belongs to and their orgs.
// Kept in localStorage so a reload or a second tab stays signed in; tabs
// follow each other's changes through the `storage` event, so a token one
// tab rotated is not presented again by another (the server would treat
// that as theft and end every session).
import { z } from 'zod';

const STORAGE_KEY = 'yima.admin.session';

export const MembershipSchema = z.object({
  org_id: z.string().min(1),
  org_name: z.string(),
  org_slug: z.string().optional(),
  member_id: z.string().optional(),
  member_name: z.string().optional(),
  department_id: z.string().nullable().optional(),
});
export type Membership = z.infer<typeof MembershipSchema>;

const SessionSchema = z.object({
  accessToken: z.string().min(1),
  /** Epoch milliseconds when the access token expires. */
  expiresAt: z.number().int().positive(),
  /** Rotates on every refresh; presenting an old one signs the account out everywhere. */
  refreshToken: z.string().min(1),
  userId: z.string().min(1),
  member: z.object({
    id: z.string().min(1),
    org_id: z.string().min(1),
    name: z.string(),
    department_id: z.string().nullable(),
  }),
  /** Known at login; otherwise looked up from `orgs`. */
  orgName: z.string().optional(),
  /** Every org the account is an active member of (for the org switcher). */
  memberships: z.array(MembershipSchema).default([]),
  /** Orgs where the account is an admin, as checked at login (the switcher offers only these). */
  adminOrgIds: z.array(z.string()).optional(),
});

export type AdminSession = z.infer<typeof SessionSchema>;
/** Input shape (memberships may be left out). */
export type AdminSessionInput = z.input<typeof SessionSchema>;
/** 'revoked': the refresh token was reused, so the server ended every session. */
export type SessionEndReason = 'logout' | 'expired' | 'revoked';

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

/**
 * The stored session, or null. An expired access token is kept: the refresh
 * token (30 days) can still renew it, and the server says when it cannot.
 */
function readStored(): AdminSession | null {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = SessionSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
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
  if (current === undefined) current = readStored();
  return current;
}

/** The bearer while it is valid; null (-> anon key) when signed out or expired. */
export function getAccessToken(now = Date.now()): string | null {
  const session = getSession();
  return session && session.expiresAt > now ? session.accessToken : null;
}

export function saveSession(session: AdminSessionInput): AdminSession {
  const valid = SessionSchema.parse(session);
  storage()?.setItem(STORAGE_KEY, JSON.stringify(valid));
  current = valid;
  lastEndReason = undefined;
  emit();
  return valid;
}

export function clearSession(reason: SessionEndReason): void {
  storage()?.removeItem(STORAGE_KEY);
  if (current === null && lastEndReason !== undefined) return;
  current = null;
  lastEndReason = reason;
  emit();
}

/**
 * Re-reads storage (another tab may have refreshed or signed out) and adopts
 * what is there. Called under the refresh lock before spending a refresh token.
 */
export function reloadSessionFromStorage(): AdminSession | null {
  const stored = readStored();
  const before = getSession();
  if (stored?.accessToken !== before?.accessToken || stored?.refreshToken !== before?.refreshToken) {
    current = stored;
    if (!stored && lastEndReason === undefined) lastEndReason = 'logout';
    emit();
  }
  return current ?? null;
}

/** Why the last session ended, so the login page can say "登录已失效". */
export function getLastEndReason(): SessionEndReason | undefined {
  return lastEndReason;
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab wrote or removed the session (refresh, org switch, logout).
globalThis.addEventListener?.('storage', (event: StorageEvent) => {
  if (event.key === STORAGE_KEY || event.key === null) reloadSessionFromStorage();
});

/** Test hook: forget the in-memory copy so the next read hits storage. */
export function resetSessionCacheForTests(): void {
  current = undefined;
  lastEndReason = undefined;
}
