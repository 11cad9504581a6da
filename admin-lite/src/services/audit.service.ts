// 审计日志校验: audit_verify_chain walks the org's tamper-evident audit chain
// (each row hashes the one before it) and reports the first broken link.
import { z } from 'zod';
import { unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

const ChainCheckSchema = z.object({
  ok: z.boolean(),
  checked: z.coerce.number().int(),
  first_bad_id: z.coerce.number().int().nullable().optional(),
  problem: z.string().nullable().optional(),
});
export type ChainCheck = z.infer<typeof ChainCheckSchema>;

/** Super admins of the org only (42501 otherwise). */
export async function verifyAuditChain(orgId: string): Promise<ChainCheck> {
  const body: unknown = unwrap(await supabase().rpc('audit_verify_chain', { p_org: orgId }));
  return parseResponse(ChainCheckSchema, body);
}
