import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a production worker finds its workflow code: WORKFLOW_BUNDLE if set (it must exist), otherwise
 * dist/workflow-bundle.js when this module runs compiled from dist/ (`npm run build` writes both). Undefined in
 * development (tsx), where the worker bundles workflows/ on the fly, so an edited workflow never runs from a stale bundle.
 */
export const WORKFLOW_BUNDLE_FILE = 'workflow-bundle.js';

export function prebuiltBundlePath(configured: string | undefined, moduleFile = __filename): string | undefined {
  if (configured) {
    const file = path.resolve(configured);
    if (!fs.existsSync(file)) {
      throw new Error(`WORKFLOW_BUNDLE: ${file} does not exist; build it with \`npm run build\` or unset WORKFLOW_BUNDLE`);
    }
    return file;
  }
  if (!moduleFile.endsWith('.js')) return undefined;
  const distFile = path.resolve(path.dirname(moduleFile), '..', WORKFLOW_BUNDLE_FILE);
  if (!fs.existsSync(distFile)) {
    throw new Error(`the compiled worker needs ${distFile}: run \`npm run build\`, or set WORKFLOW_BUNDLE to a bundle`);
  }
  return distFile;
}
