import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const isH5 = process.env.TARO_ENV === 'h5';

// H5 is served by the API server itself, so the same-origin `/api` works everywhere; the
// mini-program needs an absolute URL (WeChat DevTools: tick "不校验合法域名" for 127.0.0.1).
const apiBase = process.env.TARO_APP_API_BASE || (isH5 ? '/api' : 'http://127.0.0.1:3000/api');

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'union-miniapp',
    date: '2026-11-01',
    // NutUI is drawn at 375; our own styles at 750.
    designWidth(input) {
      const file = typeof input === 'object' && input?.file ? String(input.file) : '';
      if (file.replace(/\\+/g, '/').includes('@nutui')) return 375;
      return 750;
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: true },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
      },
    },
    h5: {
      // Taro splits only the entry's chunks; every lazily loaded page then carried its own copy of
      // the shared code (zod, the API client, uploads, NutUI): 40 pages of ~1 MB each. Modules two
      // or more pages use go to shared async chunks, downloaded once and cached.
      webpackChain(chain) {
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              pageShared: {
                chunks: 'async',
                minChunks: 2,
                minSize: 20000,
                priority: 5,
                reuseExistingChunk: true,
              },
            },
          },
        });
      },
      publicPath: '/',
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
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
