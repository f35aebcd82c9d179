import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-h5/**',
      '**/dist-check/**',
      '**/.swc/**',
      'data/**',
      '**/artifacts/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules over every TypeScript file: a promise is awaited, returned or marked `void`,
    // and never handed where a plain callback is expected (an event handler, a setTimeout).
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Module boundaries: a module uses another through its exported services, never through its
    // entities or tables (the entity registry src/entities.ts and the demo seed are the top level).
    // A module's service may export the types of its rows (`export type { Organization }`): a type-only
    // import cannot be handed to getRepository or a join.
    files: ['apps/server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/entities/*', '../../*/entities/*', '../organizations/organization.entity', '**/seed/*'],
              message: "Another module's entities are its own: call a service it exports.",
            },
          ],
        },
      ],
    },
  },
  {
    // Business time comes from the Clock (src/common/clock.ts), which tests move; only the machine
    // timers listed below (token and link expiry, outbox retries, the WeChat token cache, the audit
    // log's own stamp) read the system time.
    files: ['apps/server/src/modules/**/*.ts', 'apps/server/src/common/**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      'apps/server/src/common/clock.ts',
      'apps/server/src/modules/identity/token.service.ts',
      'apps/server/src/modules/pii/pii-audit.service.ts',
      'apps/server/src/modules/notifications/outbox-sender.service.ts',
      'apps/server/src/modules/uploads/uploads.service.ts',
      'apps/server/src/modules/wechat/wechat.client.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Ask the Clock: this.clock.now().' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Ask the Clock: this.clock.nowMs().',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/miniapp/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
