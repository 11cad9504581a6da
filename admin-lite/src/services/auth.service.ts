// Signing in and out. Every login method ends in `startSession` with the same
// token response, so SMS login (a later issue: a `auth-sms` function sending
// and checking a code) only adds its own request function here.
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { AppError } from './errors.ts';
import { callFunction } from './functions.service.ts';
import { clearSession, saveSession, type AdminSession } from './session.service.ts';

export const DevPersonaSchema = z.object({
  key: z.string().min(1),
  name: z.string(),
  org_name: z.string(),
  role_label: z.string(),
});
export type DevPersona = z.infer<typeof DevPersonaSchema>;

const DevPersonaListSchema = z.object({ personas: z.array(DevPersonaSchema) });

/** What every login function answers (auth-dev now, SMS later). */
export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
  /** Epoch seconds; optional, derived from expires_in when absent. */
  expires_at: z.number().positive().optional(),
  user: z.object({ id: z.string().min(1) }),
  /** The member in the org the token is for; null when the account belongs to no org. */
  member: z
    .object({
      id: z.string().min(1),
      org_id: z.string().min(1),
      name: z.string(),
      department_id: z.string().nullable(),
    })
    .nullable(),
  /** Every org the account belongs to (for an org switcher later; here: the org name). */
  memberships: z.array(z.object({ org_id: z.string(), org_name: z.string() })).optional(),
  // refresh_token is also sent; the console does not keep it yet (no refresh
  // flow), so a 30-day secret never sits in localStorage unused.
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

function parseResponse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('unknown', t('error.unknown'), 'bad_response', undefined, { cause: parsed.error });
  return parsed.data;
}

/** Turns a token response into the stored session. */
export function startSession(token: TokenResponse, extra: { orgName?: string } = {}, now = Date.now()): AdminSession {
  const member = token.member;
  if (!member) throw new AppError('forbidden', t('login.noMembership'), 'no_membership');
  const expiresAt = token.expires_at !== undefined ? token.expires_at * 1000 : now + token.expires_in * 1000;
  const orgName = extra.orgName || token.memberships?.find((m) => m.org_id === member.org_id)?.org_name;
  const session: AdminSession = {
    accessToken: token.access_token,
    expiresAt,
    userId: token.user.id,
    member,
    ...(orgName ? { orgName } : {}),
  };
  saveSession(session);
  return session;
}

/** Local mode only: the seeded demo personas. */
export async function listDevPersonas(): Promise<DevPersona[]> {
  const body = await callFunction('auth-dev', { method: 'GET', auth: 'anon' });
  return parseResponse(DevPersonaListSchema, body).personas;
}

/** Local mode only: one-click login as a seeded persona. */
export async function loginWithDevPersona(persona: DevPersona): Promise<AdminSession> {
  const body = await callFunction('auth-dev', { method: 'POST', body: { persona: persona.key }, auth: 'anon' });
  return startSession(parseResponse(TokenResponseSchema, body), { orgName: persona.org_name });
}

export function logout(): void {
  clearSession('logout');
}
