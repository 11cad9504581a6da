// SMS invitations to claim the card: scope, skips with reasons, the 24 h
// resend guard, the record in member_invites, and the real SMS adapter
// (Tencent Cloud, local fake) carrying the claim link.
import { inject, describe, expect, it } from 'vitest';
import { callFunction } from './setup/accounts.ts';
import { fakeControl } from './setup/fake-services.ts';
import { adminDb, tokenFor } from './setup/personas.ts';
import { SEED } from './setup/seed-ids.ts';

const db = () => adminDb();

describe('member-invite', () => {
  it('invites unclaimed members in scope once per day and records it', async () => {
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const { rows } = await db().query(
      `insert into members (org_id, employee_no, name, phone, department_id) values ($1, $2, '待邀请', $3, $4) returning id`,
      [SEED.orgA, `V${phone.slice(-6)}`, phone, SEED.departments.backend]);
    const invitee = rows[0].id as string;
    const token = await tokenFor('deptAdminA');
    const ids = [invitee, SEED.members.wangFang, SEED.members.chenJing];
    const first = await callFunction('member-invite', { token, body: { member_ids: ids } });
    expect(first.status).toBe(200);
    expect(first.body.sent).toBe(1);
    expect(first.body.skipped).toEqual([
      { member_id: SEED.members.wangFang, reason: 'already_claimed' },
      { member_id: SEED.members.chenJing, reason: 'not_found_or_out_of_scope' },
    ]);
    const count = await fakeControl<{ count: number }>(inject('fakes').controlUrl, '/sms/count');
    expect(count.count).toBeGreaterThan(0);
    const again = await callFunction('member-invite', { token, body: { member_ids: [invitee] } });
    expect(again.body).toMatchObject({ sent: 0, skipped: [{ member_id: invitee, reason: 'invited_within_24h' }] });
    const log = await db().query(`select status, invited_by, phone from member_invites where member_id = $1`, [invitee]);
    expect(log.rows).toEqual([{ status: 'sent', invited_by: SEED.accounts.deptAdminA, phone }]);
    const audit = await db().query(`select 1 from audit_log where table_name = 'member_invites' and after->>'member_id' = $1`, [invitee]);
    expect(audit.rowCount).toBe(1);
  });

  it('refuses plain members and bad bodies', async () => {
    const member = await callFunction('member-invite', { token: await tokenFor('memberA'), body: { member_ids: [SEED.members.wangFang] } });
    expect(member.status).toBe(403);
    const bad = await callFunction('member-invite', { token: await tokenFor('superAdminA'), body: { member_ids: [] } });
    expect(bad.status).toBe(400);
  });
});
