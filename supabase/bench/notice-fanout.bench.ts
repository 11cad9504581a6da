// Issue #8 figures: one notice to a 100,000-member org materialised per
// person (target < 10 s), and its statistics query (target < 200 ms).
import pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import { mintAccessToken } from '../functions/_shared/tokens.ts';
import type { RunningStack } from '../local/stack.ts';
import { generateBigOrg } from './member-list.bench.ts';

export interface FanoutBenchResult { recipients: number; sendMs: number; statsP50Ms: number; statsP99Ms: number }

export async function benchNoticeFanout(stack: RunningStack): Promise<FanoutBenchResult> {
  const db = new pg.Client({ connectionString: stack.adminDbUrl });
  await db.connect();
  const org = await generateBigOrg(db);
  const notice = (await db.query(
    `insert into notices (org_id, template, title, body, sender_member_id, audience, channels)
     values ($1, 'receipt', '全员通知', '压测', $2, $3, '{wecom,sms}') returning id`,
    [org.orgId, org.superMember, JSON.stringify({ department_ids: org.roots })])).rows[0].id;
  await db.end();

  const token = (await mintAccessToken({ accountId: org.superAccount, orgId: org.orgId }, stack.keys.jwtSecret, 3600)).access_token;
  const client = createClient(stack.apiUrl, stack.keys.anonKey, { accessToken: async () => token });
  const t0 = performance.now();
  const sent = await client.rpc('send_notice', { p_notice: notice });
  const sendMs = performance.now() - t0;
  if (sent.error || !sent.data.ok) throw new Error(`send failed: ${JSON.stringify(sent.error ?? sent.data.errors)}`);

  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    const stats = await client.rpc('notice_stats', { p_notice: notice });
    if (stats.error) throw new Error(stats.error.message);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { recipients: sent.data.recipients, sendMs, statsP50Ms: times[25]!, statsP99Ms: times[49]! };
}
