import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: the built admin console and H5 app, served by a
// real local stack, driven by playwright-core in Debian's Chromium.
// Run with `npm run test:e2e` (needs /usr/bin/chromium: apt-get install chromium).
export default defineConfig({
  test: {
    name: 'e2e',
    root: __dirname,
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['setup/global-setup.ts'],
    setupFiles: ['../supabase/tests/setup/node-websocket.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
