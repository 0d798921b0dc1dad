'use strict';
const { isBuiltin } = require('node:module');
const path = require('node:path');

/**
 * What workflow code may import. Workflows run in Temporal's deterministic sandbox and are replayed from their
 * history, so they may use values only from modules that do no I/O and read no clock: the workflow SDK, luxon,
 * other workflow code, and the pure project modules below. Everything else (activities, Prisma, mail, config …)
 * only as types; Node built-ins not at all. The pure modules are held to the same rule, so what workflows run stays
 * pure all the way down; and they bring no library but luxon: Temporal's sandbox evaluates every module of the
 * workflow code again for each workflow run (zod and date-holidays once cost 40 % of the worker's CPU that way).
 * tests/unit/workflowBundle.test.ts checks the bundle itself.
 */
const ROOT = path.resolve(__dirname, '..');
const WORKFLOW_PACKAGES = ['@temporalio/workflow', '@temporalio/common', 'luxon'];
/** Pure project modules workflow code may run: conditions and step trees of the DSL, business time, vehicle due dates. */
const PURE_MODULES = [
  'campaigns/dsl/evaluateCondition',
  'campaigns/dsl/stepTree',
  'time/businessClock',
  'time/instant',
  'time/weeklyHours',
  'time/weeklySchedule',
  'vehicles/dueDates',
];

const isTypeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

const isAllowedPackage = (spec) => WORKFLOW_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`));
const isPureModule = (target) => PURE_MODULES.includes(target);

/** `local/workflow-imports`: the import rule above, for files under workflows/ and the pure modules. */
const workflowImports = {
  meta: {
    type: 'problem',
    docs: { description: 'workflow code imports values only from workflow code, the workflow SDK, luxon and the pure allow-list' },
    schema: [],
    messages: {
      builtin: "Node built-in '{{spec}}' in workflow code: workflows run in Temporal's deterministic sandbox (no I/O).",
      value:
        "'{{spec}}' is imported as a value into workflow code: import only types from outside workflows/ (`import type`), or add a pure module to PURE_MODULES in lint/workflowSandbox.cjs.",
    },
  },
  create(context) {
    const file = context.filename;
    const check = (node, spec, typeOnly) => {
      if (typeof spec !== 'string') return;
      if (isBuiltin(spec)) return context.report({ node, messageId: 'builtin', data: { spec } });
      if (typeOnly) return;
      if (spec.startsWith('.')) {
        const target = path
          .relative(ROOT, path.resolve(path.dirname(file), spec))
          .split(path.sep)
          .join('/')
          .replace(/\.(ts|js)$/, '');
        if (target.startsWith('workflows/') || isPureModule(target)) return;
      } else if (isAllowedPackage(spec)) return;
      context.report({ node, messageId: 'value', data: { spec } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source.value, false),
      'CallExpression[callee.name="require"]': (node) => check(node, node.arguments[0]?.value, false),
    };
  },
};

/** Workflow time comes from workflows/shared/clock.ts (Temporal's deterministic clock), randomness from the SDK's uuid4(). */
const nondeterminism = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Date.now() in workflow code: use workflowNow()/workflowNowMs() from workflows/shared/clock.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'new Date() in workflow code: use workflowNow() from workflows/shared/clock.',
  },
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: "Math.random() in workflow code: use uuid4() from '@temporalio/workflow', or pass the choice in from an activity.",
  },
];

/** The flat-config block for workflows/ (eslint.config.mjs uses it; tests/unit/workflowLint.test.ts lints fixtures with it). */
const workflowSandboxConfig = {
  files: ['workflows/**/*.ts'],
  plugins: { local: { rules: { 'workflow-imports': workflowImports } } },
  rules: { 'local/workflow-imports': 'error', 'no-restricted-syntax': ['error', ...nondeterminism] },
};

/** The same rules for the pure modules workflows run. */
const pureModulesConfig = { ...workflowSandboxConfig, files: PURE_MODULES.map((m) => `${m}.ts`) };

module.exports = { ROOT, WORKFLOW_PACKAGES, PURE_MODULES, workflowImports, nondeterminism, workflowSandboxConfig, pureModulesConfig };
