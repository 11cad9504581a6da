// Audited reveal of a member's personal data: the full ID-card number or
// phone through member_reveal_pii (admins of the member's department); the
// database writes a pii.reveal audit row for every call.
import { z } from 'zod';
import { mapPostgrestError } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

export type PiiField = 'id_card' | 'phone';

/** The unmasked value, or null when the member has none on file. */
export async function revealMemberPii(memberId: string, field: PiiField): Promise<string | null> {
  const { data, error, status } = await supabase().rpc('member_reveal_pii', { p_member: memberId, p_field: field });
  if (error) throw mapPostgrestError(error, status);
  return parseResponse(z.string().nullable(), data ?? null);
}
