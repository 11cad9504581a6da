import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

// Unit and component tests: pure helpers under node semantics, React pages
// under jsdom with services mocked at the module boundary (vi.mock).
export default defineConfig({
  root: here,
  plugins: [react()],
  test: {
    name: 'admin-lite',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    clearMocks: true,
    restoreMocks: true,
  },
});
