// The 短信通知领卡 result in words: how many were sent, and who was skipped
// or failed, grouped by reason with their names.
import { t, type MessageKey } from '../i18n/index.ts';
import type { InviteResult, InviteSkipReason } from '../services/member-invites.service.ts';

const REASON_LABELS: Record<InviteSkipReason | 'other', MessageKey> = {
  already_claimed: 'invite.reason.already_claimed',
  inactive: 'invite.reason.inactive',
  no_phone: 'invite.reason.no_phone',
  invited_within_24h: 'invite.reason.invited_within_24h',
  not_found_or_out_of_scope: 'invite.reason.not_found_or_out_of_scope',
  other: 'invite.reason.other',
};

export interface InviteGroup {
  label: string;
  names: string[];
}

export interface InviteSummary {
  sent: number;
  skipped: InviteGroup[];
  failed: InviteGroup[];
}

/** Groups skipped members by reason (in the function's reason order) and failures by message. */
export function summarizeInvites(result: InviteResult, nameOf: (memberId: string) => string | undefined): InviteSummary {
  const name = (id: string) => nameOf(id) ?? id;
  const skipped = new Map<string, string[]>();
  for (const key of Object.keys(REASON_LABELS) as Array<keyof typeof REASON_LABELS>) {
    const names = result.skipped.filter((s) => s.reason === key).map((s) => name(s.member_id));
    if (names.length > 0) skipped.set(t(REASON_LABELS[key]), names);
  }
  const failed = new Map<string, string[]>();
  for (const f of result.failed) failed.set(f.message, [...(failed.get(f.message) ?? []), name(f.member_id)]);
  const groups = (map: Map<string, string[]>) => [...map].map(([label, names]) => ({ label, names }));
  return { sent: result.sent, skipped: groups(skipped), failed: groups(failed) };
}
