// Starts one throwaway stack for the whole integration suite and stops it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { keepFailureExitCode } from '../../local/exit-code.ts';
import { startStack } from '../../local/stack.ts';
import { startFakes } from './fake-services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { apiUrl: string; adminDbUrl: string; anonKey: string; serviceRoleKey: string; jwtSecret: string };
    fakes: { controlUrl: string; enterpriseUrl: string };
  }
}

export default async function setup(project: TestProject) {
  keepFailureExitCode();
  const dataDir = mkdtempSync(join(tmpdir(), 'yima-test-'));
  const logs: string[] = [];
  const fakes = await startFakes();
  const stack = await startStack({
    dataDir,
    localMode: true,
    ephemeral: true,
    functionsEnv: fakes.functionsEnv,
    log: (line) => { logs.push(line); if (logs.length > 500) logs.shift(); },
  }).catch((error) => {
    console.error(logs.slice(-60).join('\n'));
    throw error;
  });
  project.provide('stack', {
    apiUrl: stack.apiUrl,
    adminDbUrl: stack.adminDbUrl,
    anonKey: stack.keys.anonKey,
    serviceRoleKey: stack.keys.serviceRoleKey,
    jwtSecret: stack.keys.jwtSecret,
  });
  project.provide('fakes', { controlUrl: fakes.controlUrl, enterpriseUrl: fakes.enterpriseUrl });
  return async () => {
    await stack.stop();
    await fakes.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
