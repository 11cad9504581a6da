// Logical backup and restore of a Yima database (npm run backup / restore).
// No pg_dump needed (the npm Postgres has none): every table of the public
// and app_private schemas is written as gzip'd NDJSON, row by row through a
// cursor, with the sequences and the list of applied migrations. Restore
// checks the migrations match, then in one transaction, with triggers and
// foreign keys held off (session_replication_role = replica, superuser),
// empties those tables and loads the rows back, and resets the sequences.
// The encryption key of personal data lives in app_private.keys, so a
// restored database decrypts what it held. On hosted Supabase use its
// backups (or pg_dump) instead; this is for the self-hosted local stack.
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';

export const BACKUP_FORMAT = 'yima-backup';
const SCHEMAS = ['public', 'app_private'];
const BATCH = 2000;

interface Header { format: string; version: 1; created_at: string; migrations: string[]; tables: string[]; sequences: Record<string, number> }

async function tables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = any ($1) order by n.nspname, c.relname`, [SCHEMAS]);
  return rows.map((r) => r.name);
}

async function sequences(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ name: string; value: string | null }>(
    `select format('%I.%I', schemaname, sequencename) as name, last_value::text as value from pg_sequences where schemaname = any ($1)`, [SCHEMAS]);
  return Object.fromEntries(rows.filter((r) => r.value !== null).map((r) => [r.name, Number(r.value)]));
}

async function migrations(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version');
  return rows.map((r) => r.version);
}

/** Writes the backup of the database at adminUrl to file; returns the row count per table. */
export async function backupDatabase(adminUrl: string, file: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const counts: Record<string, number> = {};
  try {
    // One snapshot for the whole backup.
    await client.query('begin isolation level repeatable read read only');
    const header: Header = {
      format: BACKUP_FORMAT, version: 1, created_at: new Date().toISOString(),
      migrations: await migrations(client), tables: await tables(client), sequences: await sequences(client),
    };
    async function* lines() {
      yield `${JSON.stringify(header)}\n`;
      for (const table of header.tables) {
        yield `${JSON.stringify({ table })}\n`;
        await client.query(`declare c no scroll cursor for select row_to_json(t)::text as r from ${table} t`);
        let n = 0;
        for (;;) {
          const { rows } = await client.query<{ r: string }>(`fetch ${BATCH} from c`);
          if (rows.length === 0) break;
          n += rows.length;
          yield rows.map((row) => `${row.r}\n`).join('');
        }
        await client.query('close c');
        counts[table] = n;
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
    await client.query('commit');
    return counts;
  } finally {
    await client.end();
  }
}

/** Replaces the contents of the database at adminUrl with the backup in file. */
export async function restoreDatabase(adminUrl: string, file: string): Promise<Record<string, number>> {
  const reader = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = reader[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? null : (JSON.parse(first.value) as Header);
  if (!header || header.format !== BACKUP_FORMAT || header.version !== 1) throw new Error(`${file} is not a Yima backup`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const counts: Record<string, number> = {};
  try {
    const have = await migrations(client);
    if (have.join(',') !== header.migrations.join(',')) {
      throw new Error(`the backup was taken at migration ${header.migrations.at(-1)} but this database is at ${have.at(-1)}; restore into a database at the same migration`);
    }
    const present = new Set(await tables(client));
    const missing = header.tables.filter((t) => !present.has(t));
    if (missing.length) throw new Error(`tables missing here: ${missing.join(', ')}`);
    // Generated columns (members.phone_masked) are computed again, not loaded.
    const { rows: columnRows } = await client.query<{ name: string; columns: string }>(
      `select format('%I.%I', n.nspname, c.relname) as name, string_agg(quote_ident(a.attname), ', ' order by a.attnum) as columns
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any ($1) and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        group by 1`, [SCHEMAS]);
    const columnsOf = new Map(columnRows.map((r) => [r.name, r.columns]));
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(`truncate ${header.tables.join(', ')}`);
    let table = '';
    let batch: string[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const columns = columnsOf.get(table)!;
      await client.query(`insert into ${table} (${columns}) overriding system value select ${columns} from json_populate_recordset(null::${table}, $1::json)`,
        [`[${batch.join(',')}]`]);
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
    };
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const line = next.value;
      if (!line) continue;
      if (line.startsWith('{"table":')) {
        await flush();
        table = (JSON.parse(line) as { table: string }).table;
        counts[table] = 0;
        continue;
      }
      batch.push(line);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    for (const [sequence, value] of Object.entries(header.sequences)) {
      await client.query('select setval($1, $2)', [sequence, value]);
    }
    await client.query('commit');
    await client.query("notify pgrst, 'reload schema'");
    return counts;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
