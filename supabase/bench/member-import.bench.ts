// Issue #4 figure: importing a generated 10,000-row xlsx (parse, validate,
// server dry run, apply) through the gateway as a super admin. Target < 10 s.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import { validateImportSheet } from '@yima/shared';
import { buildTemplate, readImportFile } from '../../admin-lite/src/lib/import/import-sheet.ts';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import type { RunningStack } from '../local/stack.ts';

const ROWS = 10_000;

export interface ImportBenchResult { rows: number; phases: Array<{ name: string; ms: number }>; totalMs: number }

export async function benchMemberImport(stack: RunningStack): Promise<ImportBenchResult> {
  // An org with a super admin to import as.
  const db = new pg.Client({ connectionString: stack.adminDbUrl });
  await db.connect();
  const orgId = randomUUID();
  const accountId = randomUUID();
  await db.query(`insert into orgs (id, name, slug) values ($1, '导入压测', $2)`, [orgId, `imp-${orgId.slice(0, 8)}`]);
  await db.query(`insert into accounts (id) values ($1)`, [accountId]);
  const member = (await db.query(`insert into members (org_id, account_id, name) values ($1, $2, '导入管理员') returning id`, [orgId, accountId])).rows[0].id;
  const group = (await db.query(`insert into admin_groups (org_id, name, is_super) values ($1, '超级管理员', true) returning id`, [orgId])).rows[0].id;
  await db.query(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3)`, [orgId, group, member]);
  await db.end();

  const idCard = (i: number) => {
    const first17 = `110105${1950 + Math.floor(i / 1000)}0101${String(i % 1000).padStart(3, "0")}`;
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    return first17 + '10X98765432'[[...first17].reduce((s, d, k) => s + Number(d) * w[k]!, 0) % 11];
  };
  const data = Array.from({ length: ROWS }, (_, i) => [
    `P${String(i).padStart(6, '0')}`, `员工${i}`, `139${String(i).padStart(8, '0')}`, i % 1000 < 999 ? idCard(i) : '',
    `总部/事业部${i % 10}/科室${i % 7}`, i % 3 === 0 ? '党员' : '',
  ]);
  const file = await buildTemplate(data);

  const token = (await mintAccessToken({ accountId, orgId }, stack.keys.jwtSecret, 3600)).access_token;
  const client = createClient(stack.apiUrl, stack.keys.anonKey, { accessToken: async () => token });
  const phases: ImportBenchResult['phases'] = [];
  const time = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    phases.push({ name, ms: performance.now() - t0 });
    return out;
  };
  const sheet = await time('read xlsx (exceljs)', () => readImportFile(file, 'members.xlsx'));
  const { rows, errors } = await time('validate (@yima/shared)', () => validateImportSheet(sheet));
  if (errors.length) throw new Error(`generated file has errors: ${JSON.stringify(errors.slice(0, 3))}`);
  const preview = await time('server dry run', () => client.rpc('admin_import_members', { p_org: orgId, p_rows: rows, p_dry_run: true }));
  if (preview.error || !preview.data.ok) throw new Error(`dry run failed: ${JSON.stringify(preview.error ?? preview.data.errors.slice(0, 3))}`);
  const applied = await time('server apply', () => client.rpc('admin_import_members', { p_org: orgId, p_rows: rows, p_dry_run: false }));
  if (applied.error || applied.data.created !== ROWS) throw new Error(`apply failed: ${JSON.stringify(applied.error ?? applied.data)}`);
  return { rows: ROWS, phases, totalMs: phases.reduce((s, p) => s + p.ms, 0) };
}
