// SMS invitations to claim the card (短信通知领卡), for members who have a
// phone and have not claimed yet.
//   POST { member_ids: uuid[] (1-500) } with an admin's bearer
//   -> { sent, skipped: [{member_id, reason}], failed: [{member_id, message}] }
// The members are read with the caller's own token, so RLS limits the
// invitation to members the admin manages. A member is invited at most once
// per 24 hours; every attempt is recorded in member_invites.
import { z } from 'zod';
import { AdapterError } from '../_shared/adapters/index.ts';
import { createSmsChannel, readSmsConfig, type SmsChannel } from '../_shared/adapters/sms.adapter.ts';
import { requireCaller } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { serviceClient, userClient } from '../_shared/supabase.ts';

const Body = z.object({ member_ids: z.array(z.string().uuid()).min(1).max(500) });
const RESEND_AFTER_MS = 24 * 3600 * 1000;

interface MemberRow { id: string; org_id: string; phone: string | null; account_id: string | null; status: string; orgs: { name: string; slug: string } | null }

export function createHandler(env: FunctionEnv, deps: { sms?: SmsChannel } = {}) {
  const db = serviceClient(env);
  let channel = deps.sms;
  const sms = () => (channel ??= createSmsChannel(readSmsConfig(env.get)));

  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      const { member_ids } = parseBody(Body, await readJson(req), 'Body must be {"member_ids": ["<uuid>", ...]} with 1-500 ids');
      const asCaller = userClient(env, caller.token);
      // Which members the caller may reach is RLS's call (as the caller); their phones, which
      // admins cannot read in full, come from the service client for exactly those members.
      const { data: reachable, error } = await asCaller.from('members')
        .select('id, org_id, account_id, status, orgs(name, slug)').in('id', member_ids).returns<Omit<MemberRow, 'phone'>[]>();
      if (error) throwDbError(error, 'members');
      const { data: phones, error: phoneError } = reachable.length
        ? await db.from('members').select('id, phone').in('id', reachable.map((m) => m.id))
        : { data: [], error: null };
      if (phoneError) throwDbError(phoneError, 'members');
      const phoneOf = new Map((phones ?? []).map((p) => [p.id as string, p.phone as string | null]));
      const data: MemberRow[] = reachable.map((m) => ({ ...m, phone: phoneOf.get(m.id) ?? null }));
      const visible = new Map(data.map((m) => [m.id, m]));
      const orgIds = [...new Set(data.map((m) => m.org_id))];
      for (const orgId of orgIds) {
        const profile = await asCaller.rpc('my_admin_profile', { p_org: orgId });
        if (profile.error) throwDbError(profile.error, 'my_admin_profile');
        if (!profile.data?.is_admin) throw new HttpError(403, 'forbidden', 'Only admins may invite members');
      }
      const recent = await db.from('member_invites').select('member_id').in('member_id', member_ids).eq('status', 'sent')
        .gte('created_at', new Date(Date.now() - RESEND_AFTER_MS).toISOString());
      if (recent.error) throwDbError(recent.error, 'member_invites');
      const invitedRecently = new Set(recent.data.map((r) => r.member_id as string));

      const skipped: Array<{ member_id: string; reason: string }> = [];
      const failed: Array<{ member_id: string; message: string }> = [];
      const records: Array<Record<string, unknown>> = [];
      for (const id of member_ids) {
        const m = visible.get(id);
        const reason = !m ? 'not_found_or_out_of_scope' : m.account_id ? 'already_claimed' : m.status !== 'active' ? 'inactive'
          : !m.phone ? 'no_phone' : invitedRecently.has(id) ? 'invited_within_24h' : null;
        if (reason || !m) { skipped.push({ member_id: id, reason: reason ?? 'not_found_or_out_of_scope' }); continue; }
        const link = `${env.publicAppUrl}#/pages/claim/index?org=${encodeURIComponent(m.orgs?.slug ?? m.org_id)}`;
        try {
          await sms().send({ phone: m.phone!, template: 'claim_invite', params: { org: m.orgs?.name ?? '', link } });
          records.push({ org_id: m.org_id, member_id: id, phone: m.phone, invited_by: caller.accountId, channel: sms().name, status: 'sent' });
        } catch (e) {
          const message = e instanceof AdapterError ? e.message : 'SMS could not be sent';
          failed.push({ member_id: id, message });
          records.push({ org_id: m.org_id, member_id: id, phone: m.phone, invited_by: caller.accountId, channel: sms().name, status: 'failed', error: message });
        }
      }
      if (records.length) {
        const saved = await db.from('member_invites').insert(records);
        if (saved.error) throwDbError(saved.error, 'member_invites');
      }
      return json({ sent: records.filter((r) => r.status === 'sent').length, skipped, failed });
    },
  });
}
