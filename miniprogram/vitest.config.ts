import { defineProject } from 'vitest/config';

// Unit tests run the H5 flavour of the app in jsdom: Taro components come
// from their React build, and the compile-time constants Taro would inject
// are defined here.
export default defineProject({
  define: {
    'process.env.TARO_ENV': JSON.stringify('h5'),
    'process.env.TARO_PLATFORM': JSON.stringify('web'),
    DEPRECATED_ADAPTER_COMPONENT: 'false',
  },
  resolve: {
    alias: [
      { find: /^@tarojs\/components$/, replacement: '@tarojs/components/lib/react' },
    ],
  },
  test: {
    name: 'miniprogram',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-support/setup.ts'],
  },
});
