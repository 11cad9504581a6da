// 批量导入 on the server: admin_import_members re-validates every row, checks
// the admin's scope (departments, existing members), and either reports (dry
// run) or applies everything in one transaction; nothing is written when any
// row has a problem.
import type { ImportRow } from '@yima/shared/members/validate-import';
import { z } from 'zod';
import { unwrap } from './errors.ts';
import { supabase } from './supabase-client.ts';
import { parseResponse } from './token-response.ts';

const ImportResultSchema = z.object({
  ok: z.boolean(),
  dry_run: z.boolean(),
  errors: z.array(
    z.object({
      row: z.number().int(),
      column: z.string().nullable(),
      code: z.string(),
      message: z.string(),
    }),
  ),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  departments_created: z.array(z.string()),
  tags_created: z.array(z.string()),
});
export type ServerImportResult = z.infer<typeof ImportResultSchema>;

export async function importMembers(orgId: string, rows: readonly ImportRow[], dryRun: boolean): Promise<ServerImportResult> {
  const result: unknown = unwrap(await supabase().rpc('admin_import_members', { p_org: orgId, p_rows: rows, p_dry_run: dryRun }));
  return parseResponse(ImportResultSchema, result);
}
