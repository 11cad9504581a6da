import { defineConfig } from 'vitest/config';

// Integration tests against the real local stack (Postgres + PostgREST +
// Deno functions + gateway), started once by the global setup; plus unit
// tests of function handlers and stack pieces.
export default defineConfig({
  test: {
    name: 'supabase',
    include: ['tests/**/*.test.ts', 'functions/**/*.test.ts', 'local/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    setupFiles: ['tests/setup/node-websocket.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
