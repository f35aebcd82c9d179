// Lets `node -r ./bench/register.cjs bench/run.ts` run the server's TypeScript from source, with the
// same swc settings as the Jest tests (decorators with metadata, CommonJS). Source paths stay as
// they are, so the config's repository root and the demo seed resolve exactly as in the e2e tests.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
  });
  module._compile(code, filename);
};
