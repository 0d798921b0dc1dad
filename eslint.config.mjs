import tseslint from 'typescript-eslint';
import sandbox from './lint/workflowSandbox.cjs';
import typedCalls from './lint/typedWorkflowCalls.cjs';

const { pureModulesConfig, workflowImports, workflowSandboxConfig } = sandbox;

/**
 * The architecture's promises as lint rules (see lint/workflowSandbox.cjs): workflow code imports values only from
 * workflow code, the workflow SDK, luxon and an allow-list of pure modules (held to the same rules), no Node built-ins, no wall clock or
 * Math.random; outside workflows/, no workflow started by a bare name (lint/typedWorkflowCalls.cjs); and no floating
 * promises anywhere. `npm run lint` runs this and Prettier; `npm test` runs it first.
 */
export default tseslint.config(
  { ignores: ['node_modules/', 'db/generated/', '.data/', 'dist/', 'test-artifacts/'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: {
      '@typescript-eslint': tseslint.plugin,
      local: { rules: { 'workflow-imports': workflowImports } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  typedCalls.typedWorkflowCallsConfig,
  { ...workflowSandboxConfig, plugins: {} },
  // The one place that reads Temporal's deterministic clock.
  { files: ['workflows/shared/clock.ts'], rules: { 'no-restricted-syntax': 'off' } },
  { ...pureModulesConfig, plugins: {} },
);
