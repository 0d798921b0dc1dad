import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadCampaignCatalogue } from '../campaigns/catalogue';
import type { CampaignDefinition } from '../campaigns/dsl/campaign';
import type { SimulationOptions } from './options';

/**
 * The campaign definitions a simulation compares: the current ones, and optionally changed ones from
 * a directory of campaign modules (each exported definition replaces the current campaign of the same
 * id, or adds one) or from a git ref of this repository (its campaigns/catalogue.ts). Both are
 * validated like the engine's own catalogue.
 */
export type Definitions = { current: Map<string, CampaignDefinition>; changed?: Map<string, CampaignDefinition>; changedIds: string[] };

const repoRoot = path.resolve(__dirname, '..');

export function loadDefinitions(change: SimulationOptions['changedCampaigns']): Definitions {
  const current = loadCampaignCatalogue();
  if (!change) return { current, changedIds: [] };
  const candidates = change.kind === 'directory' ? definitionsInDirectory(change.path) : definitionsAtGitRef(change.ref);
  const merged = new Map(current);
  for (const definition of loadCampaignCatalogue(candidates).values()) merged.set(definition.id, definition);
  const changedIds = [...merged.keys()].filter((id) => JSON.stringify(merged.get(id)) !== JSON.stringify(current.get(id))).sort();
  return { current, changed: merged, changedIds };
}

function looksLikeCampaign(value: unknown): value is CampaignDefinition {
  return typeof value === 'object' && value !== null && 'id' in value && 'steps' in value && 'version' in value;
}

function definitionsInDirectory(dir: string): unknown[] {
  const absolute = path.resolve(dir);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isDirectory()) throw new Error(`--campaigns: ${dir} is not a directory`);
  const files = fs
    .readdirSync(absolute)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const found: unknown[] = [];
  for (const file of files) {
    const exports = require(path.join(absolute, file)) as Record<string, unknown>;
    for (const value of Object.values(exports)) if (looksLikeCampaign(value)) found.push(value);
  }
  if (found.length === 0) throw new Error(`--campaigns: no campaign definition is exported by the modules in ${dir}`);
  return found;
}

function definitionsAtGitRef(ref: string): unknown[] {
  if (!/^[\w./~^@{}-]+$/.test(ref)) throw new Error(`--git-ref: "${ref}" is not a git ref`);
  const dir = fs.mkdtempSync(path.join(repoRoot, '.simulation-ref-'));
  try {
    const archive = execFileSync('git', ['-C', repoRoot, 'archive', '--format=tar', ref], { maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    const catalogue = require(path.join(dir, 'campaigns', 'catalogue.ts')) as { builtInCampaigns?: unknown[] };
    if (!Array.isArray(catalogue.builtInCampaigns))
      throw new Error(`--git-ref: ${ref} has no campaigns/catalogue.ts with builtInCampaigns`);
    return catalogue.builtInCampaigns;
  } catch (error) {
    if (
      error instanceof Error &&
      /unknown revision|not a valid object name|bad revision/i.test(String((error as { stderr?: Buffer }).stderr ?? error.message))
    ) {
      throw new Error(`--git-ref: ${ref} is not a commit of this repository`);
    }
    throw error;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
