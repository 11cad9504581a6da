// `npm run backup [-- <file>]` and `npm run restore -- <file>` for the local
// stack's data directory (YIMA_DATA_DIR, default .yima). Works whether the
// stack is running (uses its database on YIMA_DB_PORT, default 54322) or
// not (starts the database alone for the duration). YIMA_DB_URL points at
// any other Postgres holding a Yima database (superuser).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { startDatabase } from './database.ts';
import { loadOrCreateKeys } from './keys.ts';
import { DEFAULT_DATA_DIR, REPO_DIR } from './paths.ts';
import { freePort } from './ports.ts';

const [command, fileArg] = process.argv.slice(2);
if (command !== 'backup' && command !== 'restore') {
  console.error('usage: backup-cli.ts backup [file] | restore <file>');
  process.exit(2);
}
const dataDir = process.env.YIMA_DATA_DIR ?? DEFAULT_DATA_DIR;

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function withDatabase<T>(run: (adminUrl: string) => Promise<T>): Promise<T> {
  if (process.env.YIMA_DB_URL) return run(process.env.YIMA_DB_URL);
  if (!existsSync(join(dataDir, 'keys.json'))) throw new Error(`no local stack data in ${dataDir}: run npm start once first`);
  const keys = await loadOrCreateKeys(dataDir);
  const running = `postgres://postgres:${keys.postgresPassword}@127.0.0.1:${process.env.YIMA_DB_PORT ?? 54322}/postgres`;
  if (await reachable(running)) return run(running);
  const db = await startDatabase({ dataDir, port: await freePort(), keys });
  try {
    return await run(db.adminUrl);
  } finally {
    await db.stop();
  }
}

const started = Date.now();
if (command === 'backup') {
  const dir = join(REPO_DIR, 'backups');
  mkdirSync(dir, { recursive: true });
  const file = fileArg ?? join(dir, `yima-${new Date().toISOString().replace(/[:.]/g, '-')}.ndjson.gz`);
  const counts = await withDatabase((url) => backupDatabase(url, file));
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`Backed up ${Object.keys(counts).length} tables, ${rows.toLocaleString()} rows to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} else {
  if (!fileArg || !existsSync(fileArg)) {
    console.error('usage: npm run restore -- <backup file>');
    process.exit(2);
  }
  const counts = await withDatabase((url) => restoreDatabase(url, fileArg));
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`Restored ${Object.keys(counts).length} tables, ${rows.toLocaleString()} rows from ${fileArg} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
