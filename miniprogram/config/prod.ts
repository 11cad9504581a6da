import type { UserConfigExport } from '@tarojs/cli';

// `taro build` (npm run build:weapp / build:h5): minified; Taro's defaults suffice.
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
