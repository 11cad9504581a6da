// Runs the local stack in its own Node process for benchmarks, so the load
// generator does not share an event loop (and a core's worth of scheduling)
// with the gateway it is measuring.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_DIR } from '../local/paths.ts';
import type { RunningStack } from '../local/stack.ts';

const require = createRequire(import.meta.url);

export async function startStackProcess(opts: { dataDir: string; functionsEnv?: Record<string, string> }): Promise<RunningStack> {
  const child = spawn(process.execPath, ['--import', require.resolve('tsx/esm'), join(REPO_DIR, 'supabase', 'bench', 'serve-stack.ts')], {
    env: { ...process.env, YIMA_DATA_DIR: opts.dataDir, YIMA_FUNCTIONS_ENV: JSON.stringify(opts.functionsEnv ?? {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<Omit<RunningStack, 'stop'>>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('YIMA_STACK_READY '));
      if (line) resolve(JSON.parse(line.slice('YIMA_STACK_READY '.length)));
    });
    child.once('exit', (code) => reject(new Error(`the stack process exited early (${code})`)));
  });
  return {
    ...ready,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
