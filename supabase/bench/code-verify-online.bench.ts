// Online code verification through the gateway: a gate posts codes to
// code-verify with its API key; the function verifies with the SDK (pure-JS
// Ed25519), then one RPC checks live status and replay and records the event.
// Targets: over 500 verifications/s with p99 under 50 ms on the 2-core box,
// 8 concurrent gates. Codes are pre-generated (each a new counter, so none is
// a replay) because making a code costs the load generator a signature.
import { randomUUID } from 'node:crypto';
import { base64urlDecode, base64urlEncode, generateKeyPair, makeCode, type KeyPair } from '@yima/shared';
import pg from 'pg';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import type { RunningStack } from '../local/stack.ts';
import { measure, type LoadResult } from './load.ts';

const PHONES = 200;
const CONCURRENCY = 8;

interface Phone { device: KeyPair; credential: Uint8Array }

async function setUp(stack: RunningStack) {
  const db = new pg.Client({ connectionString: stack.adminDbUrl });
  await db.connect();
  try {
    const orgId = randomUUID();
    await db.query(`insert into orgs (id, name, slug) values ($1, '验码压测', $2)`, [orgId, `verify-${orgId.slice(0, 8)}`]);
    const dept = (await db.query(`insert into departments (org_id, name) values ($1, '压测部') returning id`, [orgId])).rows[0].id;
    const accounts = (await db.query(`insert into accounts (display_name) select '压测' || i from generate_series(1, $1) i returning id`, [PHONES])).rows.map((r) => r.id as string);
    const members = (await db.query(
      `insert into members (org_id, account_id, name, department_id, claimed_at)
       select $1, a, '员工' || n, $3, now() from unnest($2::uuid[]) with ordinality as t(a, n) returning id, account_id`,
      [orgId, accounts, dept])).rows as Array<{ id: string; account_id: string }>;
    // One gate per concurrent client, each with its own API key (as at a real entrance; the per-device rate limit applies).
    const apiKeys: string[] = [];
    for (let g = 0; g < CONCURRENCY; g++) {
      const point = (await db.query(`insert into verification_points (org_id, name, kind) values ($1, $2, 'gate') returning id`, [orgId, `东门闸机${g + 1}`])).rows[0].id;
      const apiKey = `ymp_bench_${randomUUID().replace(/-/g, '')}`;
      await db.query(`insert into app_private.verification_point_keys (key_hash, point_id, org_id) values (encode(extensions.digest($1, 'sha256'), 'hex'), $2, $3)`,
        [apiKey, point, orgId]);
      apiKeys.push(apiKey);
    }
    // Enrol every phone through code-enroll, as the mini-program does.
    const phones: Phone[] = [];
    for (const m of members) {
      const device = generateKeyPair();
      const token = (await mintAccessToken({ accountId: m.account_id, orgId, memberId: m.id }, stack.keys.jwtSecret, 600)).access_token;
      const res = await fetch(`${stack.apiUrl}/functions/v1/code-enroll`, {
        method: 'POST',
        headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ device_public_key: base64urlEncode(device.publicKey) }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(`enrolment failed: ${JSON.stringify(body)}`);
      phones.push({ device, credential: base64urlDecode(body.credential) });
    }
    return { orgId, apiKeys, phones };
  } finally {
    await db.end();
  }
}

/**
 * Codes for `count` requests, round-robin over the phones, each with a fresh
 * counter. They are made for one step ahead: a code of step s+1 is accepted
 * from step s to the end of step s+2, so they stay valid for 60-90 s from now,
 * covering their own generation plus a 10-30 s run.
 */
function makeCodes(phones: Phone[], count: number): string[] {
  const now = Date.now() / 1000 + 30;
  return Array.from({ length: count }, (_, i) => {
    const phone = phones[i % phones.length]!;
    return makeCode({ credential: phone.credential, deviceSecretKey: phone.device.secretKey, now, counter: 1 + Math.floor(i / phones.length) }).text;
  });
}

export async function benchCodeVerifyOnline(stack: RunningStack, durationMs: number): Promise<LoadResult[]> {
  const t0 = performance.now();
  const { apiKeys, phones } = await setUp(stack);
  console.log(`  enrolled ${PHONES} phones in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Enough codes for ~900/s over warm-up + run (more would take long to make and expire sooner).
  const count = Math.ceil(900 * (durationMs / 1000 + 1));
  const t1 = performance.now();
  const codes = makeCodes(phones, count);
  console.log(`  made ${count} codes in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  let next = 0;
  let refused = 0;
  const stages: Record<string, number[]> = { auth: [], verify: [], db: [] };
  const result = await measure({
    name: `code verify online: gate API key, ${PHONES} phones, ${CONCURRENCY} gates`,
    concurrency: CONCURRENCY,
    durationMs,
    request: async (i) => {
      const apiKey = apiKeys[i % apiKeys.length]!;
      const code = codes[next++];
      if (code === undefined) return false; // ran out: counted as an error
      const res = await fetch(`${stack.apiUrl}/functions/v1/code-verify`, {
        method: 'POST',
        headers: { apikey: stack.keys.anonKey, 'x-yima-device-key': apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      const body = (await res.json()) as { ok?: boolean; reason?: string };
      for (const m of (res.headers.get('server-timing') ?? '').matchAll(/(\w+);dur=([\d.]+)/g)) stages[m[1]!]?.push(Number(m[2]));
      if (body.ok !== true) refused++;
      return body.ok === true;
    },
  });
  if (refused > 0) console.log(`  ${refused} codes refused (see errors)`);
  // Inside the function (Server-Timing), including warm-up: p50 / p99 per stage.
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
  console.log('  in the function: ' + Object.entries(stages)
    .map(([name, xs]) => `${name} p50 ${pct(xs, 0.5).toFixed(1)} ms / p99 ${pct(xs, 0.99).toFixed(1)} ms`).join(', '));
  return [result];
}
