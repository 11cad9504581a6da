// Signing in or out of an event by scanning the projected code (扫码签到),
// with the phone's location when the event has a geofence; or an organiser
// scanning a member's dynamic code (member_code + event_id + action).
//   POST { code, latitude?, longitude?, accuracy_m? }            (member)
//   POST { event_id, action, member_code }                       (organiser)
//     -> { ok: true, action, signed_in_at, signed_out_at, distance_m, title }
// Refusals are 403 with the reason as code, and are kept for the organiser:
// code_expired, bad_code, location_required, outside_geofence (the message
// says how far), not_in_window, not_invited, not_signed_in.
import { Scope, distanceMeters, parseEventCode, verifyEventCode } from '@yima/shared';
import { z } from 'zod';
import { requireCaller } from '../_shared/auth.ts';
import { throwDbError } from '../_shared/db-errors.ts';
import type { FunctionEnv } from '../_shared/env.ts';
import { createEventKeys } from '../_shared/events.ts';
import { HttpError, json, parseBody, readJson, route } from '../_shared/http.ts';
import { pickVerifyBackend } from '../_shared/ed25519-native.ts';
import { createOrgVerifiers } from '../_shared/org-verifiers.ts';
import { serviceClient } from '../_shared/supabase.ts';

const MemberBody = z.object({
  code: z.string().min(1).max(300),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracy_m: z.number().min(0).max(100_000).optional(),
});
const OrganiserBody = z.object({ event_id: z.guid(), action: z.enum(['in', 'out']), member_code: z.string().min(1).max(1024) });

const MESSAGES: Record<string, string> = {
  code_expired: '签到码已过期，请扫描大屏上的最新二维码 (the code has expired; scan the current one on the screen)',
  bad_code: '这不是本活动的签到码 (this is not a valid sign-in code)',
  location_required: '请允许获取位置后再签到 (allow location access to sign in here)',
  not_in_window: '不在签到时间内 (not within the sign-in time)',
  not_invited: '你不在本次活动的参与范围内 (you are not invited to this event)',
  not_signed_in: '请先签到再签退 (sign in before signing out)',
};

export function createHandler(env: FunctionEnv) {
  const db = serviceClient(env);
  const eventKey = createEventKeys(db);
  const orgVerifiers = createOrgVerifiers(db, pickVerifyBackend(env.get('YIMA_CODE_VERIFY_BACKEND')));

  async function memberIn(orgId: string, accountId: string): Promise<string> {
    const { data, error } = await db.from('members').select('id').eq('org_id', orgId).eq('account_id', accountId).eq('status', 'active').maybeSingle();
    if (error) throwDbError(error, 'members');
    if (!data) throw new HttpError(403, 'not_invited', MESSAGES.not_invited!);
    return data.id as string;
  }

  async function record(eventId: string, memberId: string, action: 'in' | 'out', distance: number | null, method: string, reason: string | null, message?: string) {
    const { data, error } = await db.rpc('event_record', {
      p_event: eventId, p_member: memberId, p_action: action, p_distance: distance, p_method: method, p_reason: reason,
    });
    if (error) throwDbError(error, 'event_record');
    const result = data as { ok: boolean; reason?: string };
    if (!result.ok) throw new HttpError(403, result.reason!, message ?? MESSAGES[result.reason!] ?? result.reason!);
    return json(result);
  }

  return route({
    POST: async (req) => {
      const caller = await requireCaller(req, env);
      const raw = await readJson(req);
      if (raw && typeof raw === 'object' && 'member_code' in raw) {
        const body = parseBody(OrganiserBody, raw);
        const { data: allowed, error } = await db.rpc('event_organiser_check', { p_account: caller.accountId, p_event: body.event_id });
        if (error) throwDbError(error, 'event_organiser_check');
        if (!allowed) throw new HttpError(403, 'not_organiser', '只有活动管理员可以扫码签到 (only organisers can scan members in)');
        const key = await eventKey(body.event_id);
        const result = await orgVerifiers.verify(key.org_id, body.member_code, { requiredScopes: Scope.event });
        if (!result.ok) throw new HttpError(403, `code_${result.reason}`, `成员码无效 (${result.reason}); ask them to refresh the code`);
        return record(body.event_id, result.credential.memberId, body.action, null, 'scanned_by_organiser', null);
      }
      const body = parseBody(MemberBody, raw, 'Body must be {"code", "latitude"?, "longitude"?}');
      const code = parseEventCode(body.code);
      if (!code) throw new HttpError(400, 'bad_code', MESSAGES.bad_code!);
      const key = await eventKey(code.eventId);
      const memberId = await memberIn(key.org_id, caller.accountId);
      const verdict = verifyEventCode(code, key.secret, Date.now() / 1000, key.step_seconds);
      if (!verdict.ok) {
        const reason = verdict.reason === 'bad_signature' ? 'bad_code' : verdict.reason;
        return record(code.eventId, memberId, code.action, null, 'projected_code', reason);
      }
      const { data: event, error } = await db.from('events').select('latitude, longitude, radius_m').eq('id', code.eventId).single();
      if (error) throwDbError(error, 'events');
      let distance: number | null = null;
      if (event.radius_m !== null) {
        if (body.latitude === undefined || body.longitude === undefined) {
          return record(code.eventId, memberId, code.action, null, 'projected_code', 'location_required');
        }
        distance = Math.round(distanceMeters({ latitude: body.latitude, longitude: body.longitude }, { latitude: event.latitude, longitude: event.longitude }));
        if (distance > event.radius_m) {
          return record(code.eventId, memberId, code.action, distance, 'projected_code', 'outside_geofence',
            `你距离活动地点约 ${distance} 米，超出 ${event.radius_m} 米签到范围 (you are ${distance} m from the venue; sign-in is allowed within ${event.radius_m} m)`);
        }
      }
      return record(code.eventId, memberId, code.action, distance, 'projected_code', null);
    },
  });
}
