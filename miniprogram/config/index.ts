import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Build-time variables the app may read through `process.env.*`.
 * Taro only defines TARO_APP_* keys that appear in a `.env*` file; we also pick
 * them up from the shell (`TARO_APP_SUPABASE_URL=... npm run build:weapp`) and
 * always define the keys the app reads, so an unset one compiles to '' instead
 * of leaving a `process.env` reference that crashes in the mini-program.
 */
const APP_ENV_KEYS = [
  'TARO_APP_SUPABASE_URL',
  'TARO_APP_SUPABASE_ANON_KEY',
  'TARO_APP_LOCAL_MODE',
  'TARO_APP_DEFAULT_ORG',
  'TARO_APP_WECOM_CORP_ID',
] as const;

function appEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of APP_ENV_KEYS) env[key] = JSON.stringify(process.env[key] ?? '');
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('TARO_APP_') && value !== undefined) env[key] = JSON.stringify(value);
  }
  return env;
}

/**
 * The mini-program runtime has no WHATWG `Headers` or `URL`, which supabase-js
 * and postgrest-js construct directly; the weapp build injects them as free
 * variables (webpack ProvidePlugin). Taro provides its own `URL`, but it
 * rejects ws:// URLs (supabase-js builds its Realtime URL eagerly, so
 * createClient would throw) and drops the base path when resolving relative
 * URLs, so we replace it with core-js's spec-compliant one.
 */
const HEADERS_POLYFILL = path.resolve(__dirname, '../src/platform/headers-polyfill.ts');
const URL_POLYFILL = path.resolve(__dirname, '../src/platform/url-polyfill.ts');
const NO_NATIVE_URL = path.resolve(__dirname, '../src/platform/no-native-url.ts');
const MINI_GLOBALS = {
  Headers: [HEADERS_POLYFILL, 'HeadersPolyfill'],
  URL: [URL_POLYFILL, 'URL'],
  URLSearchParams: [URL_POLYFILL, 'URLSearchParams'],
};

/**
 * npm workspaces hoist most packages to the root node_modules but may nest some
 * (e.g. @tarojs/plugin-framework-react, whose optional vite peers clash with
 * admin-lite's) in miniprogram/node_modules, where hoisted packages such as
 * @tarojs/taro-h5 cannot see them. Let every module fall back to this folder.
 */
const WORKSPACE_MODULES = path.resolve(__dirname, '../node_modules');

/**
 * @yima/shared is TypeScript source (a workspace symlink to /shared/src):
 * Taro only runs Babel on src/ and Taro's own packages, so let it compile the
 * shared code too (the code protocol the card and verify pages use).
 */
const SHARED_SRC = path.resolve(__dirname, '../../shared/src');

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'weapp';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yima-miniprogram',
    date: '2026-11-25',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // dist/weapp for WeChat devtools (see /project.config.json), dist/h5 for the gateway's /h5/.
    // YIMA_WEAPP_OUTPUT lets the smoke test build elsewhere with its own env.
    outputRoot: (platform === 'weapp' && process.env.YIMA_WEAPP_OUTPUT) || `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    env: appEnv(),
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [SHARED_SRC] },
      // Component styles are BEM-scoped, so the order pages import them in does
      // not matter; without this, mini-css-extract warns about every page that
      // imports two shared components in a different order (H5 does the same).
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.modules.add('node_modules').add(WORKSPACE_MODULES);
        // Taro's own ProvidePlugin ('providerPlugin') supplies window, document, URL...; extend it.
        chain.plugin('providerPlugin').tap(([definitions]) => [{ ...definitions, ...MINI_GLOBALS }]);
        // ...except inside core-js, whose feature detection must see no URL at all.
        chain.module
          .rule('yima-core-js-sees-no-url')
          .test(/[\\/]node_modules[\\/]core-js-pure[\\/]/)
          .resolve.alias.set(`${URL_POLYFILL}$`, NO_NATIVE_URL);
      },
    },
    h5: {
      compile: { include: [SHARED_SRC] },
      // The local gateway serves this build at <base>/h5/ (and /env.json beside it).
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        chain.resolve.modules.add('node_modules').add(WORKSPACE_MODULES);
        // Taro splits only initial chunks on H5, so every lazily loaded page
        // would carry its own copy of supabase-js; share them across pages.
        const splitChunks = chain.optimization.get('splitChunks');
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
