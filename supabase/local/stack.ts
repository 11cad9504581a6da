// Starts and stops the whole local Supabase-shaped stack:
// Postgres -> PostgREST -> edge functions -> gateway.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { startDatabase, type RunningDatabase } from './database.ts';
import { startGateway } from './gateway.ts';
import { loadOrCreateKeys, type StackKeys } from './keys.ts';
import { REPO_DIR } from './paths.ts';
import { freePort, portInUse } from './ports.ts';
import { startFunctions, startPostgrest, type RunningService } from './services.ts';

export interface StackOptions {
  dataDir: string;
  /** Gateway port; 0 picks a free one. Other services always use free ports unless set. */
  gatewayPort?: number;
  pgPort?: number;
  /** Local mode enables the dev login and console channels. */
  localMode?: boolean;
  ephemeral?: boolean;
  /** Extra environment for edge functions (adapters pointed at local fakes in tests). */
  functionsEnv?: Record<string, string>;
  /** Run scheduled jobs (the notice dispatcher) as pg_cron would on Supabase. */
  scheduler?: boolean;
  log?: (line: string) => void;
}

export interface RunningStack {
  apiUrl: string;
  dbUrl: string;
  adminDbUrl: string;
  keys: StackKeys;
  stop(): Promise<void>;
}

/**
 * The local stand-in for pg_cron + pg_net: calls scheduled functions with the
 * service role. On Supabase the same jobs are
 *   select cron.schedule('notice-dispatch', '5 seconds', $$select net.http_post(
 *     url := '<project>/functions/v1/notice-dispatch', headers := '{"Authorization": "Bearer <service key>"}')$$);
 *   select cron.schedule('payment-jobs', '* * * * *', $$select net.http_post(
 *     url := '<project>/functions/v1/payment-jobs', headers := '{"Authorization": "Bearer <service key>"}', body := '{}')$$);
 *   (and visit-jobs, scenario-jobs and ops-jobs the same way, every minute)
 */
const SCHEDULE: Array<{ fn: string; everyMs: number; quiet: (body: string) => boolean }> = [
  { fn: 'notice-dispatch', everyMs: 5_000, quiet: (body) => body.includes('"claimed":0') },
  { fn: 'payment-jobs', everyMs: 60_000, quiet: (body) => !body.includes('"members":') && body.includes('"sharing":[]') },
  { fn: 'visit-jobs', everyMs: 60_000, quiet: (body) => /^\{("\w+":0,?)+\}$/.test(body) },
  { fn: 'scenario-jobs', everyMs: 60_000, quiet: (body) => !/"[a-z_]+":[1-9]/.test(body) },
  { fn: 'ops-jobs', everyMs: 60_000, quiet: (body) => body.includes('"escalated":[]') },
];

function startScheduler(apiUrl: string, serviceRoleKey: string, log?: (line: string) => void): () => Promise<void> {
  const timers = SCHEDULE.map(({ fn, everyMs, quiet }) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        const res = await fetch(`${apiUrl}/functions/v1/${fn}`, {
          method: 'POST', headers: { authorization: `Bearer ${serviceRoleKey}`, 'content-type': 'application/json' }, body: '{}',
        });
        const body = await res.text();
        if (!res.ok || !quiet(body)) log?.(`[scheduler] ${fn} ${res.status} ${body}`);
      } catch (error) {
        log?.(`[scheduler] ${fn} failed: ${(error as Error).message}`);
      } finally {
        running = false;
      }
    };
    return setInterval(tick, everyMs);
  });
  return async () => timers.forEach(clearInterval);
}

export async function startStack(opts: StackOptions): Promise<RunningStack> {
  mkdirSync(opts.dataDir, { recursive: true });
  const keys = await loadOrCreateKeys(opts.dataDir);
  const gatewayPort = opts.gatewayPort || (await freePort());
  if (await portInUse(gatewayPort)) {
    throw new Error(`Port ${gatewayPort} is in use: is another Yima stack running? Set YIMA_PORT to use another port.`);
  }
  const apiUrl = `http://127.0.0.1:${gatewayPort}`;
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) await s().catch(() => undefined);
    stoppers.length = 0;
  };
  try {
    const db: RunningDatabase = await startDatabase({
      dataDir: opts.dataDir, port: opts.pgPort || (await freePort()), keys, ephemeral: opts.ephemeral, log: opts.log,
    });
    stoppers.push(() => db.stop());
    const postgrestPort = await freePort();
    const [postgrest, functions]: RunningService[] = await Promise.all([
      startPostgrest({ dbUrl: db.url, port: postgrestPort, jwtSecret: keys.jwtSecret, log: opts.log }),
      startFunctions({
        port: await freePort(),
        log: opts.log,
        env: {
          SUPABASE_URL: apiUrl,
          SUPABASE_ANON_KEY: keys.anonKey,
          SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
          YIMA_JWT_SECRET: keys.jwtSecret,
          YIMA_LOCAL_MODE: opts.localMode ? '1' : '0',
          // Functions reach PostgREST directly (same host), not through the gateway's extra hop.
          YIMA_INTERNAL_REST_URL: `http://127.0.0.1:${postgrestPort}`,
          ...opts.functionsEnv,
        },
      }),
    ]) as [RunningService, RunningService];
    stoppers.push(() => postgrest.stop(), () => functions.stop());
    const gateway: Server = await startGateway({
      port: gatewayPort,
      postgrestUrl: postgrest.url,
      functionsUrl: functions.url,
      jwtSecret: keys.jwtSecret,
      publicEnv: { supabaseUrl: apiUrl, anonKey: keys.anonKey, localMode: Boolean(opts.localMode) },
      staticApps: {
        '/admin/': join(REPO_DIR, 'admin-lite', 'dist'),
        '/h5/': join(REPO_DIR, 'miniprogram', 'dist', 'h5'),
      },
    });
    stoppers.push(() => new Promise<void>((resolve) => { gateway.closeAllConnections(); gateway.close(() => resolve()); }));
    if (opts.scheduler) stoppers.push(startScheduler(apiUrl, keys.serviceRoleKey, opts.log));
    return { apiUrl, dbUrl: db.url, adminDbUrl: db.adminUrl, keys, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
