// Starts one stack (with local fakes of WeChat/WeCom/SMS) for the browser
// tests, building the web apps first if they are missing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_DIR } from '../../supabase/local/paths.ts';
import { keepFailureExitCode } from '../../supabase/local/exit-code.ts';
import { startStack } from '../../supabase/local/stack.ts';
import { startFakes } from '../../supabase/tests/setup/fake-services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { apiUrl: string; adminDbUrl: string; jwtSecret: string; anonKey: string; controlUrl: string };
  }
}

export default async function setup(project: TestProject) {
  keepFailureExitCode();
  for (const [dir, script] of [['admin-lite/dist', 'build -w admin-lite'], ['miniprogram/dist/h5', 'build:h5 -w miniprogram']] as const) {
    if (!existsSync(join(REPO_DIR, dir, 'index.html'))) {
      execFileSync('npm', ['run', ...script.split(' ')], { cwd: REPO_DIR, stdio: 'inherit' });
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'yima-e2e-'));
  const fakes = await startFakes();
  const stack = await startStack({ dataDir, localMode: true, ephemeral: true, functionsEnv: fakes.functionsEnv });
  project.provide('e2e', {
    apiUrl: stack.apiUrl, adminDbUrl: stack.adminDbUrl, jwtSecret: stack.keys.jwtSecret, anonKey: stack.keys.anonKey, controlUrl: fakes.controlUrl,
  });
  return async () => {
    await stack.stop();
    await fakes.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
