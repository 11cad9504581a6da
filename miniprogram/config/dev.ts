import type { UserConfigExport } from '@tarojs/cli';

// `taro build --watch` (npm run dev:weapp / dev:h5): readable output, build stats.
export default {
  logger: {
    quiet: false,
    stats: true,
  },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
