// Backup and restore (npm run backup / restore) on a database of its own:
// back up the seeded database plus money, visits and encrypted ID cards,
// damage it, restore, and compare every table's contents, the sequences, the
// audit chain and decryption with what was there before.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../local/backup.ts';
import { type RunningDatabase, startDatabase } from '../local/database.ts';
import { loadOrCreateKeys } from '../local/keys.ts';
import { freePort } from '../local/ports.ts';
import { SEED } from './setup/seed-ids.ts';

let dir: string;
let db: RunningDatabase;
let client: pg.Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yima-backup-'));
  db = await startDatabase({ dataDir: dir, port: await freePort(), keys: await loadOrCreateKeys(dir), ephemeral: true });
  client = new pg.Client({ connectionString: db.adminUrl });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await client?.end();
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function fingerprint(): Promise<Record<string, string>> {
  const { rows } = await client.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname in ('public', 'app_private') order by 1`);
  const out: Record<string, string> = {};
  for (const { name } of rows) {
    const { rows: [r] } = await client.query(`select count(*)::text || ':' || coalesce(md5(string_agg(row_to_json(t)::text, '|' order by row_to_json(t)::text)), '') as f from ${name} t`);
    out[name] = r.f;
  }
  return out;
}

describe('backup and restore', () => {
  it('restores every table exactly, with sequences, the audit chain and decryptable ID cards', async () => {
    // Some of everything: a payment (ledger), a visit with an encrypted ID card, an audit trail.
    await client.query(`begin; select set_config('request.jwt.claims', '{"role":"service_role"}', true);
      select public.topup_create('${SEED.orgA}', '${SEED.accounts.memberA}', 'BACKUPTEST01', 2500);
      select public.topup_credit('BACKUPTEST01', 'TXBACKUP01', 2500, null, now(), 'test');
      commit`);
    await client.query(`update members set id_card_number = '11010519491231002X' where id = $1`, [SEED.members.liuYang]);
    const before = await fingerprint();
    const { rows: [seqBefore] } = await client.query(`select last_value::int as v from pg_sequences where sequencename = 'audit_log_id_seq'`);

    const file = join(dir, 'backup.ndjson.gz');
    const counts = await backupDatabase(db.adminUrl, file);
    expect(counts['public.members']).toBeGreaterThan(5);
    expect(counts['public.ledger_entries']).toBeGreaterThan(0);
    expect(statSync(file).size).toBeGreaterThan(1000);

    // Damage: delete members, change an org, add rows, bump a sequence.
    await client.query(`set session_replication_role = replica`);
    await client.query(`delete from members where org_id = $1`, [SEED.orgB]);
    await client.query(`update orgs set name = '被改了'`);
    await client.query(`insert into tags (org_id, name) values ($1, '新标签')`, [SEED.orgB]);
    await client.query(`set session_replication_role = origin`);
    expect(await fingerprint()).not.toEqual(before);

    const restored = await restoreDatabase(db.adminUrl, file);
    expect(restored).toEqual(counts);
    expect(await fingerprint()).toEqual(before);
    const { rows: [seqAfter] } = await client.query(`select last_value::int as v from pg_sequences where sequencename = 'audit_log_id_seq'`);
    expect(seqAfter.v).toBe(seqBefore.v);
    // New rows get fresh ids after the restored ones, the chain still verifies, secrets still decrypt.
    await client.query(`insert into tags (org_id, name) values ($1, '恢复后')`, [SEED.orgA]);
    const { rows: [chain] } = await client.query(`select set_config('request.jwt.claims', '{"role":"service_role"}', false), public.audit_verify_chain($1) as r`, [SEED.orgA]);
    expect(chain.r.ok).toBe(true);
    const { rows: [secret] } = await client.query(
      `select extensions.pgp_sym_decrypt(id_card_cipher, app_private.pii_passphrase()) as v from app_private.member_secrets where member_id = $1`, [SEED.members.liuYang]);
    expect(secret.v).toBe('11010519491231002X');
  });

  it('refuses a file that is not a backup', async () => {
    const bogus = join(dir, 'bogus.gz');
    const { writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    writeFileSync(bogus, gzipSync('{"hello":1}\n'));
    await expect(restoreDatabase(db.adminUrl, bogus)).rejects.toThrow(/not a Yima backup/);
  });
});
