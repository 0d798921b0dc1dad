/**
 * Per-message render time: precompiled fill vs. a naive MJML render per message,
 * for the same template, language and variables.
 *
 *   npx tsx bench/renderBench.ts
 */
import { performance } from 'node:perf_hooks';
import { sampleBranding } from '../templates/branding';
import { compileWithMjml, createTemplateCompiler } from '../templates/compile';
import { escapeHtml, keepPlain } from '../templates/escape';
import { fillTemplate } from '../templates/fill';
import { buildMjml, buildText } from '../templates/layout/document';
import { parsePlaceholders } from '../templates/placeholders';
import { getTemplate } from '../templates/registry';
import { createRenderer, fillMessage, messageContext, validateRequest } from '../templates/render';
import { sampleVariablesFor, type Language } from '../templates/types';

const CASES: { templateId: string; language: Language }[] = [
  { templateId: 'hu-reminder', language: 'de' },
  { templateId: 'lead-escalation', language: 'de' },
];
/** Naive and precompiled are timed back to back in each round, so a busy moment of the machine hits both. */
const ROUNDS = 7;
const NAIVE_ITERATIONS = 40;
const FILL_ITERATIONS = 6_000;
const WARMUP = 20;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeAsync(iterations: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await run();
  return (performance.now() - start) / iterations;
}

function timeSync(iterations: number, run: () => unknown): number {
  for (let i = 0; i < WARMUP * 50; i++) run();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) run();
  return (performance.now() - start) / iterations;
}

/** Keeps the results alive so nothing is optimised away; both paths do the same. */
let sink = 0;
const consume = (html: string, text: string) => {
  sink += html.length + text.length;
};

function formatTime(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;
}

async function benchCase(templateId: string, language: Language) {
  const definition = getTemplate(templateId);
  const variables = sampleVariablesFor(definition, language);
  const request = { templateId, language, variables, branding: sampleBranding };
  const validated = validateRequest(definition, language, variables, sampleBranding);
  const context = messageContext(definition, language, validated);

  // Naive: fill the MJML source for this message, then let MJML turn it into HTML — every time.
  const mjmlSource = parsePlaceholders(buildMjml(definition, language), 'naive mjml');
  const textSource = parsePlaceholders(buildText(definition, language), 'naive text');
  const renderNaively = async () => {
    const mjml = fillTemplate(mjmlSource, { ...context, meta: { subject: '', preheader: '' } }, escapeHtml, 'naive');
    consume(await compileWithMjml(mjml, 'naive'), fillTemplate(textSource, context, keepPlain, 'naive text'));
  };

  // Precompiled: MJML ran once; each message only fills placeholders.
  const compiled = await createTemplateCompiler().compiled(definition, language);
  const fillPrecompiled = () => {
    const message = fillMessage(compiled, context);
    consume(message.html, message.text);
  };
  const rounds: Array<{ naive: number; fillOnly: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    rounds.push({ naive: await timeAsync(NAIVE_ITERATIONS, renderNaively), fillOnly: timeSync(FILL_ITERATIONS, fillPrecompiled) });
  }
  const ratios = rounds.map((r) => r.naive / r.fillOnly);
  const naive = median(rounds.map((r) => r.naive));
  const fillOnly = median(rounds.map((r) => r.fillOnly));

  // The full public path: zod validation + fill (compile cached after the first call).
  const renderer = createRenderer();
  const fullRender = await timeAsync(FILL_ITERATIONS * 2, async () => {
    const message = await renderer.renderMessage(request);
    consume(message.html, message.text);
  });

  return {
    templateId,
    language,
    naive,
    fillOnly,
    ratio: median(ratios),
    ratios,
    fullRender,
    htmlBytes: fillMessage(compiled, context).html.length,
  };
}

async function main() {
  const started = performance.now();
  console.log(
    `Per-message render time: ${ROUNDS} rounds of ${NAIVE_ITERATIONS} naive MJML renders then ${FILL_ITERATIONS} fills per case (medians; ratio = median of the rounds' ratios)\n`,
  );
  const header = ['template', 'lang', 'HTML', 'naive MJML/msg', 'precompiled fill/msg', 'ratio', 'rounds', 'renderMessage/msg', 'ratio'];
  const rows: string[][] = [];
  let worstRatio = Infinity;
  for (const { templateId, language } of CASES) {
    const r = await benchCase(templateId, language);
    const ratio = r.ratio;
    worstRatio = Math.min(worstRatio, ratio);
    rows.push([
      r.templateId,
      r.language,
      `${(r.htmlBytes / 1024).toFixed(1)} KB`,
      formatTime(r.naive),
      formatTime(r.fillOnly),
      `${Math.round(ratio)}×`,
      `${Math.round(Math.min(...r.ratios))}–${Math.round(Math.max(...r.ratios))}×`,
      formatTime(r.fullRender),
      `${Math.round(r.naive / r.fullRender)}×`,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log(`\nrenderMessage = zod validation of variables and branding + fill (what a send activity calls).`);
  console.log(
    `Target: precompiled fill at least 300× faster than MJML per message: ${worstRatio >= 300 ? 'met' : 'NOT met'} (worst ${Math.round(worstRatio)}×).`,
  );
  if (sink === 0) console.log('(nothing rendered?)');
  console.log(`Total benchmark time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
