// The scenario apps through the gateway: resource booking (no double booking
// under 50 concurrent requests, opening hours, approval, no-show release),
// meal booking (cut-offs, headcounts = bookings - cancellations on generated
// data, redemption, no-shows), event sign-in by the rotating projected code
// (geofence and expired codes refused with the reason), and registration
// points (form checked by the shared engine, designated people only).
import { randomUUID } from 'node:crypto';
import { eventStep, makeEventCode } from '@yima/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import { callFunction } from './setup/accounts.ts';
import { rpcAs } from './setup/devices.ts';
import { asService } from './setup/payment-fixture.ts';
import { adminDb, stackInfo } from './setup/personas.ts';

const q = async (sql: string, params: unknown[] = []) => (await adminDb().query(sql, params)).rows;

interface Person { memberId: string; accountId: string; token: string }
let orgId: string;
let deptId: string;
let appAdmin: Person;
let plain: Person;

async function person(name: string, identity: string | null = null): Promise<Person> {
  const [account] = await q(`insert into accounts (display_name) values ($1) returning id`, [name]);
  const [member] = await q(`insert into members (org_id, account_id, name, department_id, identity, claimed_at) values ($1, $2, $3, $4, $5, now()) returning id`,
    [orgId, account.id, name, deptId, identity]);
  const token = (await mintAccessToken({ accountId: account.id, orgId, memberId: member.id }, stackInfo().jwtSecret, 900)).access_token;
  return { memberId: member.id, accountId: account.id, token };
}

beforeAll(async () => {
  const [org] = await q(`insert into orgs (name, slug) values ('场景测试', $1) returning id`, [`apps-${randomUUID().slice(0, 8)}`]);
  orgId = org.id;
  deptId = (await q(`insert into departments (org_id, name) values ($1, '综合部') returning id`, [orgId]))[0].id;
  appAdmin = await person('应用管理员');
  plain = await person('普通员工');
  const [group] = await q(`insert into admin_groups (org_id, name, apps) values ($1, '应用', '{events,registration,meal_booking,resources}') returning id`, [orgId]);
  await q(`insert into admin_group_members (org_id, group_id, member_id) values ($1, $2, $3)`, [orgId, group.id, appAdmin.memberId]);
});

const at = (hoursFromNow: number) => {
  const d = new Date(Date.now() + hoursFromNow * 3600_000);
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
};

describe('resource booking', () => {
  it('50 parallel bookings of the same slot yield exactly one booking', async () => {
    const [room] = await q(`insert into resources (org_id, name, capacity) values ($1, '大会议室', 20) returning id`, [orgId]);
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => person(`抢会议室${i}`)));
    const from = at(26);
    const until = new Date(Date.parse(from) + 3600_000).toISOString();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      rpcAs(people[i % people.length]!, 'resource_book', { p_resource: room.id, p_from: from, p_until: until, p_attendees: 5, p_purpose: '周会' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.every((r) => r.body.code === 'YM601' && /已被预约/.test(r.body.message))).toBe(true);
    const [count] = await q(`select count(*)::int as n from resource_bookings where resource_id = $1`, [room.id]);
    expect(count.n).toBe(1);
    // An overlapping half hour is refused too; the adjacent hour is free.
    const overlap = await rpcAs(plain, 'resource_book', { p_resource: room.id, p_from: new Date(Date.parse(from) + 1800_000).toISOString(), p_until: new Date(Date.parse(until) + 1800_000).toISOString() });
    expect(overlap.body.code).toBe('YM601');
    const next = await rpcAs(plain, 'resource_book', { p_resource: room.id, p_from: until, p_until: new Date(Date.parse(until) + 3600_000).toISOString() });
    expect(next.status, JSON.stringify(next.body)).toBe(200);
  });

  it('checks opening hours, duration, capacity and the past; approval and no-show release free the slot', async () => {
    const [lab] = await q(`insert into resources (org_id, name, capacity, requires_approval, max_hours, open_hours)
      values ($1, '实验室', 4, true, 2, '[{"start":"00:00","end":"24:00"}]') returning id`, [orgId]);
    const from = at(30);
    const plus = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3600_000).toISOString();
    const bad = [
      [{ p_from: plus(from, -60), p_until: plus(from, -59) }, /过去/],
      [{ p_from: from, p_until: plus(from, 3) }, /最长/],
      [{ p_from: from, p_until: plus(from, 1), p_attendees: 9 }, /容量/],
      [{ p_from: from, p_until: from }, /晚于/],
    ] as const;
    for (const [args, message] of bad) {
      const res = await rpcAs(plain, 'resource_book', { p_resource: lab.id, ...args });
      expect(res.body.code, JSON.stringify(res.body)).toBe('YM602');
      expect(res.body.message).toMatch(message);
    }
    const booked = await rpcAs(plain, 'resource_book', { p_resource: lab.id, p_from: from, p_until: plus(from, 1) });
    expect(booked.body.status).toBe('pending');
    expect((await rpcAs(plain, 'resource_decide', { p_booking: booked.body.id, p_decision: 'approved' })).body.code).toBe('42501');
    const approved = await rpcAs(appAdmin, 'resource_decide', { p_booking: booked.body.id, p_decision: 'approved' });
    expect(approved.body.status).toBe('approved');
    // Nobody came: 15 minutes after the start the slot is released.
    const jobs = await fetch(`${stackInfo().apiUrl}/functions/v1/scenario-jobs`, {
      method: 'POST', headers: { authorization: `Bearer ${stackInfo().serviceRoleKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ now: plus(from, 0.5) }),
    }).then((r) => r.json());
    expect(jobs.resources.no_show).toBeGreaterThanOrEqual(1);
    const [row] = await q(`select status from resource_bookings where id = $1`, [booked.body.id]);
    expect(row.status).toBe('no_show');
    const again = await rpcAs(appAdmin, 'resource_book', { p_resource: lab.id, p_from: from, p_until: plus(from, 1) });
    expect(again.status, JSON.stringify(again.body)).toBe(200);

    const [closed] = await q(`insert into resources (org_id, name, open_hours) values ($1, '夜间关闭', '[{"days":[1,2,3,4,5,6,7],"start":"08:00","end":"18:00"}]') returning id`, [orgId]);
    const night = new Date(Date.parse(at(48)));
    night.setUTCHours(14, 0, 0, 0); // 22:00 in Shanghai
    const late = await rpcAs(plain, 'resource_book', { p_resource: closed.id, p_from: night.toISOString(), p_until: new Date(night.getTime() + 3600_000).toISOString() });
    expect(late.body.message).toMatch(/开放时间/);
  });
});

describe('meal booking', () => {
  it('headcounts equal bookings minus cancellations on generated data; cut-offs and redemption hold', async () => {
    const [canteen] = await q(`insert into merchants (org_id, name, takes_bookings) values ($1, '报餐食堂', true) returning id`, [orgId]);
    const [lunch] = await q(`insert into meal_periods (org_id, name, starts, ends, booking_cutoff_minutes) values ($1, '午餐', '11:30', '13:00', 120) returning id`, [orgId]);
    const [dinner] = await q(`insert into meal_periods (org_id, name, starts, ends, booking_cutoff_minutes) values ($1, '晚餐', '17:30', '19:00', 120) returning id`, [orgId]);
    const [{ d1, d2 }] = await q(`select (now() at time zone 'Asia/Shanghai')::date + 2 as d1, (now() at time zone 'Asia/Shanghai')::date + 3 as d2`);
    const days = [d1, d2].map((d: Date) => d.toISOString().slice(0, 10));
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => person(`报餐${i}`)));
    // Deterministic pseudo-random plan: who books which meal on which day, and who cancels.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const expected = new Map<string, number>();
    for (const p of people) {
      for (const day of days) {
        for (const meal of [lunch.id, dinner.id]) {
          if (rand() < 0.6) {
            const b = await rpcAs(p, 'meal_book', { p_merchant: canteen.id, p_meal_period: meal, p_day: day });
            expect(b.status, JSON.stringify(b.body)).toBe(200);
            let live = true;
            if (rand() < 0.3) {
              expect((await rpcAs(p, 'meal_cancel', { p_booking: b.body.id })).status).toBe(200);
              live = false;
              if (rand() < 0.5) {
                expect((await rpcAs(p, 'meal_book', { p_merchant: canteen.id, p_meal_period: meal, p_day: day })).status).toBe(200);
                live = true;
              }
            }
            if (live) expected.set(`${day}|${meal}`, (expected.get(`${day}|${meal}`) ?? 0) + 1);
          }
        }
      }
    }
    const twice = await rpcAs(people[0]!, 'meal_book', { p_merchant: canteen.id, p_meal_period: lunch.id, p_day: days[0] });
    if (twice.status !== 200) expect(twice.body.code).toBe('YM612');
    else expected.set(`${days[0]}|${lunch.id}`, (expected.get(`${days[0]}|${lunch.id}`) ?? 0) + 1);

    const counts = await rpcAs(appAdmin, 'meal_headcounts', { p_org: orgId, p_from: days[0], p_to: days[1] });
    expect(counts.status, JSON.stringify(counts.body)).toBe(200);
    const got = new Map<string, number>(counts.body.map((r: { day: string; meal_period_id: string; to_prepare: number }) => [`${r.day}|${r.meal_period_id}`, r.to_prepare]));
    expect(got).toEqual(expected);
    const [truth] = await q(`select count(*)::int as booked, count(*) filter (where status = 'cancelled')::int as cancelled from meal_bookings where merchant_id = $1`, [canteen.id]);
    expect([...got.values()].reduce((a, b) => a + b, 0)).toBe(truth.booked - truth.cancelled);
    expect((await rpcAs(plain, 'meal_headcounts', { p_org: orgId, p_from: days[0], p_to: days[1] })).body.code).toBe('42501');

    // Past the cut-off: neither booking nor cancelling.
    const [today] = await q(`select (now() at time zone 'Asia/Shanghai')::date - 1 as d`);
    const late = await rpcAs(plain, 'meal_book', { p_merchant: canteen.id, p_meal_period: lunch.id, p_day: (today.d as Date).toISOString().slice(0, 10) });
    expect(late.body.code).toBe('YM611');

    // Redemption at the canteen during the meal, then no-shows for the rest.
    const [booking] = await q(`select id, member_id, day from meal_bookings where merchant_id = $1 and status = 'booked' and meal_period_id = $2 limit 1`, [canteen.id, lunch.id]);
    const noon = await q(`select (($1::date + time '12:00') at time zone 'Asia/Shanghai') as t`, [booking.day]);
    const [redeemed] = await asService(`select public.meal_redeem($1, $2, $3, $4) as r`, [orgId, booking.member_id, canteen.id, noon[0].t]);
    expect(redeemed!.r).toMatchObject({ id: booking.id, status: 'redeemed' });
    const after = await q(`select (($1::date + time '20:00') at time zone 'Asia/Shanghai') as t`, [days[1]]);
    const jobs = await asService(`select public.meal_jobs($1) as r`, [after[0].t]);
    expect(jobs[0]!.r.no_show).toBeGreaterThan(0);
    const [left] = await q(`select count(*)::int as n from meal_bookings where merchant_id = $1 and status = 'booked'`, [canteen.id]);
    expect(left.n).toBe(0);
  });
});

describe('meal redemption by paying', () => {
  it('paying at a booking canteen during the meal redeems the booking (扫码核销)', async () => {
    const { createPaymentOrg } = await import('./setup/payment-fixture.ts');
    const shop = await createPaymentOrg('核销测试');
    await q(`update merchants set takes_bookings = true where id = $1`, [shop.merchantId]);
    const [meal] = await q(`insert into meal_periods (org_id, name, starts, ends, booking_cutoff_minutes)
      select $1, '当前餐', case when t < time '00:20' then time '00:00' else t - interval '20 minutes' end,
             case when t > time '23:00' then time '23:59:59' else t + interval '40 minutes' end, 60
        from (select (now() at time zone 'Asia/Shanghai')::time as t) x returning id`, [shop.orgId]);
    const diner = await shop.person('就餐者');
    await shop.topUp(diner, 2000);
    await q(`insert into meal_bookings (org_id, member_id, merchant_id, meal_period_id, day)
      values ($1, $2, $3, $4, (now() at time zone 'Asia/Shanghai')::date)`, [shop.orgId, diner.memberId, shop.merchantId, meal.id]);
    const stall = await shop.stall({ mode: 'free' });
    const paid = await callFunction('pay', { token: diner.token, body: { stall_id: stall, amount_fen: 800, request_id: randomUUID() } });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.meal_booking).toMatchObject({ status: 'redeemed' });
  });
});

describe('event sign-in', () => {
  async function newEvent(fields: Record<string, unknown> = {}) {
    const [e] = await q(`insert into events (org_id, title, latitude, longitude, radius_m, sign_in_from, sign_in_until, sign_out_from, sign_out_until, audience)
      values ($1, '年度培训', 31.2304, 121.4737, 200, now() - interval '10 minutes', now() + interval '1 hour', now() - interval '1 minute', now() + interval '2 hours', $2) returning id`,
      [orgId, JSON.stringify(fields.audience ?? {})]);
    return e.id as string;
  }
  const screen = (eventId: string, action = 'in', token = appAdmin.token) =>
    callFunction('event-screen', { token, method: 'GET', path: `?event_id=${eventId}&action=${action}` });
  const checkin = (who: Person, body: Record<string, unknown>) => callFunction('event-checkin', { token: who.token, body });

  it('signs in with the projected code inside the geofence, records the distance, and is idempotent', async () => {
    const eventId = await newEvent();
    const shown = await screen(eventId);
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    expect((await screen(eventId, 'in', plain.token)).status).toBe(403);
    const near = { latitude: 31.2310, longitude: 121.4740 };
    const ok = await checkin(plain, { code: shown.body.code, ...near });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, action: 'in' });
    expect(ok.body.distance_m).toBeGreaterThan(50);
    expect(ok.body.distance_m).toBeLessThan(100);
    expect((await checkin(plain, { code: shown.body.code, ...near })).status).toBe(200);
    const out = await checkin(plain, { code: (await screen(eventId, 'out')).body.code, ...near });
    expect(out.body).toMatchObject({ ok: true, action: 'out' });
    const stats = await rpcAs(appAdmin, 'event_stats', { p_event: eventId });
    expect(stats.body).toMatchObject({ signed_in: 1, signed_out: 1 });
    expect(stats.body.expected).toBeGreaterThanOrEqual(2);
  });

  it('refuses outside the geofence, without a location, with an expired or forged code, and outside the audience, each with its reason', async () => {
    const eventId = await newEvent();
    const walker = await person('远处的人');
    const { code } = (await screen(eventId)).body;
    const far = await checkin(walker, { code, latitude: 31.2404, longitude: 121.4737 });
    expect(far.status).toBe(403);
    expect(far.body.error.code).toBe('outside_geofence');
    expect(far.body.error.message).toMatch(/约 1\d{3} 米/);
    expect((await checkin(walker, { code })).body.error.code).toBe('location_required');
    const [secret] = await asService(`select public.event_secret($1) as s`, [eventId]);
    const stale = makeEventCode(secret!.s.secret, eventId, 'in', eventStep(Date.now() / 1000, 20) - 3);
    const expired = await checkin(walker, { code: stale, latitude: 31.2304, longitude: 121.4737 });
    expect(expired.body.error.code).toBe('code_expired');
    const forged = makeEventCode('ab'.repeat(32), eventId, 'in', eventStep(Date.now() / 1000, 20));
    expect((await checkin(walker, { code: forged, latitude: 31.2304, longitude: 121.4737 })).body.error.code).toBe('bad_code');
    const attempts = await q(`select reason, distance_m from event_attempts where event_id = $1 order by id`, [eventId]);
    expect(attempts.map((a) => a.reason)).toEqual(['outside_geofence', 'location_required', 'code_expired', 'bad_code']);
    expect(attempts[0].distance_m).toBeGreaterThan(1000);

    const invitedOnly = await newEvent({ audience: { members: [appAdmin.memberId] } });
    const notInvited = await checkin(walker, { code: (await screen(invitedOnly)).body.code, latitude: 31.2304, longitude: 121.4737 });
    expect(notInvited.body.error.code).toBe('not_invited');
  });
});

describe('registration points', () => {
  it('records answers checked by the shared form engine, only for designated people', async () => {
    const form = { version: 1, fields: [{ key: 'item', type: 'select', label: '领取物品', required: true, options: ['口罩', '手套'] }, { key: 'qty', type: 'number', label: '数量', required: true, min: 1, max: 10 }] };
    const [point] = await q(`insert into registration_points (org_id, name, purpose, form, audience) values ($1, '物资领取点', '物资领取', $2, $3) returning id`,
      [orgId, JSON.stringify(form), JSON.stringify({ members: [plain.memberId] })]);
    const shown = await callFunction('registration-submit', { token: plain.token, method: 'GET', path: `?point_id=${point.id}` });
    expect(shown.body).toMatchObject({ point: { name: '物资领取点' }, form: { fields: [{ key: 'item' }, { key: 'qty' }] } });
    const bad = await callFunction('registration-submit', { token: plain.token, body: { point_id: point.id, answers: { item: '电脑', qty: 20 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_answers');
    const ok = await callFunction('registration-submit', { token: plain.token, body: { point_id: point.id, answers: { item: '口罩', qty: 2 } } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const stranger = await person('非指定人员');
    const denied = await callFunction('registration-submit', { token: stranger.token, body: { point_id: point.id, answers: { item: '口罩', qty: 1 } } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('not_designated');
    const records = await q(`select member_id, answers from registration_records where point_id = $1`, [point.id]);
    expect(records).toEqual([{ member_id: plain.memberId, answers: { item: '口罩', qty: 2 } }]);
  });
});
