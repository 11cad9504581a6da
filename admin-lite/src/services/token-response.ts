// The session body every login function answers (auth-sms, auth-dev, and
// auth-session refresh / switch-org), and how it becomes the stored session.
import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { AppError } from './errors.ts';
import { MembershipSchema, type AdminSession } from './session.service.ts';

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
  /** Epoch seconds; optional, derived from expires_in when absent. */
  expires_at: z.number().positive().optional(),
  refresh_token: z.string().min(1),
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
  memberships: z.array(MembershipSchema).default([]),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
export type TokenResponseInput = z.input<typeof TokenResponseSchema>;

/** Validates a function's answer; a malformed one is a generic failure, not a crash later. */
export function parseResponse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('unknown', t('error.unknown'), 'bad_response', undefined, { cause: parsed.error });
  return parsed.data;
}

export interface SessionExtras {
  orgName?: string;
  adminOrgIds?: string[];
}

/** The session a token response describes (not stored; see startSession / the refresh). */
export function sessionFromToken(token: TokenResponse, extra: SessionExtras = {}, now = Date.now()): AdminSession {
  const member = token.member;
  if (!member) throw new AppError('forbidden', t('login.noMembership'), 'no_membership');
  const expiresAt = token.expires_at !== undefined ? token.expires_at * 1000 : now + token.expires_in * 1000;
  const orgName = token.memberships.find((m) => m.org_id === member.org_id)?.org_name || extra.orgName;
  return {
    accessToken: token.access_token,
    expiresAt: Math.round(expiresAt),
    refreshToken: token.refresh_token,
    userId: token.user.id,
    member,
    ...(orgName ? { orgName } : {}),
    memberships: token.memberships,
    ...(extra.adminOrgIds ? { adminOrgIds: extra.adminOrgIds } : {}),
  };
}
