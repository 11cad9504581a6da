// A fresh org with its own people, for tests that count rows and must not
// see other tests' data: 总部 > 甲部 > 甲一组, 总部 > 乙部; a super admin, a
// notices admin scoped to 甲部, the head of 乙部, and plain members.
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { mintAccessToken } from '../../functions/_shared/tokens.ts';
import { adminDb, stackInfo } from './personas.ts';

export type FixturePerson = 'superAdmin' | 'notifierA' | 'headB' | 'memberA1' | 'memberA2' | 'memberB';

export interface OrgFixture {
  orgId: string;
  departments: { hq: string; a: string; a1: string; b: string };
  members: Record<FixturePerson, { id: string; accountId: string; employeeNo: string }>;
  clientAs(person: FixturePerson): Promise<SupabaseClient>;
  tokenOf(person: FixturePerson): Promise<string>;
}

export async function createOrgFixture(): Promise<OrgFixture> {
  const db = adminDb();
  const q = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0];
  const orgId = (await q(`insert into orgs (name, slug) values ('夹具组织', $1) returning id`, [`fx-${randomUUID().slice(0, 8)}`])).id;
  const dept = async (name: string, parent: string | null) =>
    (await q(`insert into departments (org_id, parent_id, name) values ($1, $2, $3) returning id`, [orgId, parent, name])).id as string;
  const hq = await dept('总部', null);
  const a = await dept('甲部', hq);
  const a1 = await dept('甲一组', a);
  const b = await dept('乙部', hq);
  const placement: Record<FixturePerson, [string, string]> = {
    superAdmin: ['超管', hq], notifierA: ['甲部通知员', a], headB: ['乙部负责人', b],
    memberA1: ['甲一员工', a1], memberA2: ['甲部员工', a], memberB: ['乙部员工', b],
  };
  const members = {} as OrgFixture['members'];
  let n = 0;
  for (const [key, [name, department]] of Object.entries(placement) as Array<[FixturePerson, [string, string]]>) {
    const accountId = randomUUID();
    const employeeNo = `F${++n}${randomUUID().slice(0, 4)}`;
    await db.query(`insert into accounts (id, display_name) values ($1, $2)`, [accountId, name]);
    const id = (await q(`insert into members (org_id, account_id, employee_no, name, phone, department_id, claimed_at)
      values ($1, $2, $3, $4, $5, $6, now()) returning id`, [orgId, accountId, employeeNo, name, `1370${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, department])).id;
    members[key] = { id, accountId, employeeNo };
  }
  const superGroup = (await q(`insert into admin_groups (org_id, name, is_super) values ($1, '超级管理员', true) returning id`, [orgId])).id;
  const noticeGroup = (await q(`insert into admin_groups (org_id, name, functions) values ($1, '甲部通知', '{notices}') returning id`, [orgId])).id;
  await db.query(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3), ($1, $4, $5)`,
    [orgId, superGroup, members.superAdmin.id, noticeGroup, members.notifierA.id]);
  await db.query(`insert into admin_group_departments (org_id, group_id, department_id) values ($1, $2, $3)`, [orgId, noticeGroup, a]);
  await db.query(`insert into department_heads (org_id, department_id, member_id) values ($1, $2, $3)`, [orgId, b, members.headB.id]);

  const tokenOf = async (person: FixturePerson) =>
    (await mintAccessToken({ accountId: members[person].accountId, orgId }, stackInfo().jwtSecret, 600)).access_token;
  return {
    orgId, departments: { hq, a, a1, b }, members, tokenOf,
    clientAs: async (person) => {
      const token = await tokenOf(person);
      return createClient(stackInfo().apiUrl, stackInfo().anonKey, { accessToken: async () => token });
    },
  };
}
