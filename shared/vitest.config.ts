import { defineConfig } from 'vitest/config';

// Pure unit tests: no stack, no DOM.
export default defineConfig({
  test: {
    name: 'shared',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
