// Issue #2/#4 figure: a department-scoped, paged member list over an org of
// 100,000 members, through the gateway with RLS, as a department admin and
// as a super admin (the admin console's query, with an exact count).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import type { RunningStack } from '../local/stack.ts';
import { measure, type LoadResult } from './load.ts';

const MEMBERS = 100_000;
const ROOTS = 10;
const CHILDREN = 10;

/** Creates an org with 10 x 10 departments and 100k members; returns ids to query. */
export async function generateBigOrg(db: pg.Client) {
  const orgId = randomUUID();
  await db.query(`insert into orgs (id, name, slug) values ($1, '压测集团', $2)`, [orgId, `bench-${orgId.slice(0, 8)}`]);
  const leaves: string[] = [];
  const roots: string[] = [];
  for (let r = 0; r < ROOTS; r++) {
    const root = (await db.query(`insert into departments (org_id, name) values ($1, $2) returning id`, [orgId, `事业部${r}`])).rows[0].id;
    roots.push(root);
    for (let c = 0; c < CHILDREN; c++) {
      leaves.push((await db.query(`insert into departments (org_id, parent_id, name) values ($1, $2, $3) returning id`, [orgId, root, `科室${c}`])).rows[0].id);
    }
  }
  // Bulk load without per-row triggers (audit, defaults): the data is consistent by construction.
  await db.query(`set session_replication_role = replica`);
  await db.query(
    `insert into members (org_id, employee_no, name, phone, department_id)
     select $1, 'B' || lpad(i::text, 6, '0'), '员工' || i, '13' || lpad((i % 1000000000)::text, 9, '0'),
            ($2::uuid[])[1 + (i % array_length($2::uuid[], 1))]
       from generate_series(1, $3) as i`,
    [orgId, leaves, MEMBERS]);
  await db.query(`set session_replication_role = origin`);
  // Admins: one super admin, one admin scoped to the first 事业部 (10% of members).
  const accounts = [randomUUID(), randomUUID()];
  await db.query(`insert into accounts (id) values ($1), ($2)`, accounts);
  const [superMember, scopedMember] = (await db.query(
    `insert into members (org_id, account_id, name, department_id) values ($1, $2, '压测超管', $4), ($1, $3, '压测部门管理员', $4) returning id`,
    [orgId, accounts[0], accounts[1], leaves[0]])).rows.map((r) => r.id);
  const superGroup = (await db.query(`insert into admin_groups (org_id, name, is_super) values ($1, '超级管理员', true) returning id`, [orgId])).rows[0].id;
  const scopedGroup = (await db.query(`insert into admin_groups (org_id, name) values ($1, '事业部0管理员') returning id`, [orgId])).rows[0].id;
  await db.query(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3), ($1, $4, $5)`,
    [orgId, superGroup, superMember, scopedGroup, scopedMember]);
  await db.query(`insert into admin_group_departments (org_id, group_id, department_id) values ($1, $2, $3)`, [orgId, scopedGroup, roots[0]]);
  // What autovacuum would do soon after a bulk load (visibility map for index-only scans).
  await db.query('vacuum analyze members');
  await db.query('analyze departments');
  return { orgId, roots, superAccount: accounts[0]!, superMember: superMember as string, scopedAccount: accounts[1]!, scopedLeaves: leaves.slice(0, CHILDREN), allLeaves: leaves };
}

export async function benchMemberList(stack: RunningStack, durationMs: number): Promise<LoadResult[]> {
  const db = new pg.Client({ connectionString: stack.adminDbUrl });
  await db.connect();
  const t0 = performance.now();
  const data = await generateBigOrg(db);
  console.log(`  generated ${MEMBERS.toLocaleString()} members in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await db.end();

  const token = async (accountId: string) => (await mintAccessToken({ accountId, orgId: data.orgId }, stack.keys.jwtSecret, 3600)).access_token;
  const headers = (t: string, count: boolean) => ({
    apikey: stack.keys.anonKey, authorization: `Bearer ${t}`, ...(count ? { prefer: 'count=exact' } : {}),
  });
  const list = (t: string, departments: string[], count: boolean, pages: number) => async (i: number) => {
    // A department subtree of 10 leaves, a random page of 20 among the first `pages`.
    const dept = departments.slice(0, 10).join(',');
    const offset = ((i * 7919) % pages) * 20;
    const res = await fetch(
      `${stack.apiUrl}/rest/v1/members?select=id,name,employee_no,department_id,status&org_id=eq.${data.orgId}` +
      `&department_id=in.(${dept})&order=name,id&limit=20&offset=${offset}`,
      { headers: headers(t, count) });
    const rows = await res.json();
    return res.ok && Array.isArray(rows);
  };
  const scoped = await token(data.scopedAccount);
  const superT = await token(data.superAccount);
  const results: LoadResult[] = [];
  const run = (name: string, request: (i: number) => Promise<boolean>) =>
    measure({ name, concurrency: 8, durationMs, request }).then((r) => { results.push(r); });
  await run('member list: dept admin, 10k subtree, pages 1-10', list(scoped, data.scopedLeaves, false, 10));
  await run('member list: same + exact count (console paging)', list(scoped, data.scopedLeaves, true, 10));
  await run('member list: dept admin, random page of 500', list(scoped, data.scopedLeaves, false, 500));
  await run('member list: super admin of 100k org, pages 1-10 + count', list(superT, data.allLeaves.slice(50), true, 10));
  return results;
}
