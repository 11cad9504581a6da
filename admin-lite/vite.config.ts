import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The console is served by the gateway at <base>/admin/, next to /env.json.
// In `vite dev` we proxy /env.json to a running local stack so the start-up
// config path is the same as in production (override with YIMA_DEV_GATEWAY).
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, here, ['VITE_', 'YIMA_']);
  const gateway = env.YIMA_DEV_GATEWAY || 'http://127.0.0.1:54321';
  return {
    root: here,
    envDir: here,
    base: '/admin/',
    plugins: [react()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: true,
    },
    server: {
      port: 5173,
      strictPort: false,
      proxy: {
        '/env.json': { target: gateway, changeOrigin: true },
      },
    },
  };
});
