import { defineConfig } from 'vitest/config';

// One `npm test` runs every workspace's suite. Each project has its own config
// (environment, setup); the supabase project starts the real local stack.
export default defineConfig({
  test: {
    projects: ['shared', 'supabase', 'admin-lite', 'miniprogram'],
  },
});
