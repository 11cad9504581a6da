// 短信通知领卡: the member-invite function texts unclaimed members a link to
// claim their card. It reads the members with the admin's own token (RLS),
// skips those it should not text, and sends each member at most once a day.
import { z } from 'zod';
import { callFunction } from './functions.service.ts';
import { parseResponse } from './token-response.ts';

export const INVITE_SKIP_REASONS = ['already_claimed', 'inactive', 'no_phone', 'invited_within_24h', 'not_found_or_out_of_scope'] as const;
export type InviteSkipReason = (typeof INVITE_SKIP_REASONS)[number];

const InviteResultSchema = z.object({
  sent: z.number().int().nonnegative(),
  skipped: z.array(
    z.object({
      member_id: z.string(),
      // A reason added to the function later shows as "other", not a failure.
      reason: z.string().transform((r): InviteSkipReason | 'other' => ((INVITE_SKIP_REASONS as readonly string[]).includes(r) ? (r as InviteSkipReason) : 'other')),
    }),
  ),
  failed: z.array(z.object({ member_id: z.string(), message: z.string() })),
});
export type InviteResult = z.infer<typeof InviteResultSchema>;

/** The function takes at most this many ids per call. */
export const INVITE_BATCH = 500;

export async function inviteMembers(memberIds: readonly string[]): Promise<InviteResult> {
  const total: InviteResult = { sent: 0, skipped: [], failed: [] };
  for (let i = 0; i < memberIds.length; i += INVITE_BATCH) {
    const body = await callFunction('member-invite', {
      method: 'POST',
      auth: 'session',
      body: { member_ids: memberIds.slice(i, i + INVITE_BATCH) },
    });
    const part = parseResponse(InviteResultSchema, body);
    total.sent += part.sent;
    total.skipped.push(...part.skipped);
    total.failed.push(...part.failed);
  }
  return total;
}
