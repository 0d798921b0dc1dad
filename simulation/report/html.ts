import type { SimulationReport } from '../simulate';
import { categoryBars, outcomeBars, weeklyStackedBars, type Series } from './charts';
import { reportLabels } from './labels';

/** The report as one self-contained HTML file: inline CSS, charts as inline SVG, nothing fetched. */
const escape = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const toSeries = (table: Record<string, number[]>, name: (key: string) => string = (k) => k): Series[] =>
  Object.entries(table)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => ({ name: name(key), values }));

export function renderReportHtml(report: SimulationReport): string {
  const t = reportLabels[report.meta.language];
  const f = report.figures;
  const campaignName = (id: string) => f.campaigns.find((c) => c.campaignId === id)?.name ?? id;
  const workloadSeries = f.workload.map((w) => ({
    name: `${w.location} · ${t.roles[w.role] ?? w.role}${w.kind === 'callback' ? ` (${t.callback})` : ''}`,
    values: w.perWeek,
  }));
  const weeklyTotals = f.weeks.map((_, i) => sum(workloadSeries.map((s) => s.values[i])));
  const peak = Math.max(0, ...weeklyTotals);
  const average = weeklyTotals.length ? sum(weeklyTotals) / weeklyTotals.length : 0;
  const deferrals: Series[] = [
    { name: t.window, values: f.weeks.map((_, i) => sum(Object.values(f.deferralsPerWeek.outside_sending_window).map((v) => v[i]))) },
    { name: t.cap, values: f.weeks.map((_, i) => sum(Object.values(f.deferralsPerWeek.frequency_cap).map((v) => v[i]))) },
  ];
  const c = f.compliance;
  const violations = c.withoutLegalBasis + c.afterObjection + c.toSuppressedAddress;
  const sections = [
    `<h1>${escape(t.title)}</h1><p class="lead">${escape(t.intro(report.meta.population.customers, report.meta.months, report.meta.startDate))}</p>`,
    `<section class="${violations ? 'bad' : 'ok'}"><h2>${escape(t.compliance)}</h2><p>${escape(violations ? t.complianceBad(violations) : t.complianceOk(c.marketingSent))}</p>${
      violations
        ? `<ul>${c.violations
            .slice(0, 50)
            .map((v) => `<li>${escape(v.customerId)}: ${escape(v.reason)}</li>`)
            .join('')}</ul>`
        : ''
    }</section>`,
    `<section>${weeklyStackedBars(t.messages, f.weeks, toSeries(f.messagesPerWeek, campaignName))}</section>`,
    `<section>${weeklyStackedBars(t.deferrals, f.weeks, deferrals)}</section>`,
    `<section>${categoryBars(
      t.heavy(f.heavyRecipients.threshold),
      f.heavyRecipients.months.map((m) => m.month),
      f.heavyRecipients.months.map((m) => m.customers.length),
      '#e67e22',
    )}</section>`,
    `<section>${weeklyStackedBars(t.workload, f.weeks, workloadSeries, peak > 0 ? { markAbove: { value: Math.ceil(average * 1.5), label: `${t.overload}: > ${Math.ceil(average * 1.5)}` } } : {})}</section>`,
    `<section>${weeklyStackedBars(t.escalations, f.weeks, toSeries(f.escalationsPerWeek))}<p>${escape(t.leads(f.leads.total, f.leads.contactedWithinSla))}</p></section>`,
    `<section>${outcomeBars(
      t.campaigns,
      f.campaigns.map((x) => x.name),
      [
        { name: t.goal, values: f.campaigns.map((x) => x.exitedByGoal) },
        { name: t.ranThrough, values: f.campaigns.map((x) => x.ranThrough) },
        { name: t.otherwise, values: f.campaigns.map((x) => x.endedOtherwise) },
        { name: t.running, values: f.campaigns.map((x) => x.stillRunning) },
        { name: t.heldOut, values: f.campaigns.map((x) => x.heldOut) },
      ],
    )}${campaignTable(report, t)}</section>`,
    diffSection(report, t),
    `<section><h2>${escape(t.skipped)}</h2>${keyValues(f.skippedByReason, t.none)}<h2>${escape(t.behaviour)}</h2>${keyValues(report.meta.behaviour as Record<string, number>, t.none)}<p class="muted">${escape(
      t.history(f.history.eventsPerCustomerYear, f.history.longestHistoryEvents),
    )}</p></section>`,
  ];
  return `<!doctype html><html lang="${report.meta.language}"><head><meta charset="utf-8"><title>${escape(t.title)}</title><style>${CSS}</style></head><body><main>${sections.join('\n')}</main></body></html>`;
}

type Labels = (typeof reportLabels)['de'];

function campaignTable(report: SimulationReport, t: Labels): string {
  const head = [t.entered, t.goal, t.ranThrough, t.otherwise, t.running, t.heldOut, t.sent].map((h) => `<th>${escape(h)}</th>`).join('');
  const rows = report.figures.campaigns
    .map(
      (c) =>
        `<tr><td>${escape(c.name)}</td>${[c.entered, c.exitedByGoal, c.ranThrough, c.endedOtherwise, c.stillRunning, c.heldOut, c.sent].map((n) => `<td class="n">${n}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function diffSection(report: SimulationReport, t: Labels): string {
  const diff = report.diff;
  if (!diff) return '';
  if (diff.changes.length === 0) return `<section><h2>${escape(t.diff)}</h2><p>${escape(t.noDiff)}</p></section>`;
  const rows = diff.changes
    .slice(0, 500)
    .map(
      (c) =>
        `<tr><td>${escape(c.customerId)}</td><td>${escape(c.templateId)}</td><td>${escape(c.current ?? '–')}</td><td>${escape(c.changed ?? '–')}</td><td>${escape(t.changeWord[c.change])}</td></tr>`,
    )
    .join('');
  return `<section id="diff"><h2>${escape(t.diff)} (${escape(diff.changedCampaigns.join(', '))})</h2><p>${escape(t.diffSummary(diff.summary, diff.affectedCustomers.length))}</p><table><thead><tr><th>${escape(t.customer)}</th><th>${escape(t.template)}</th><th>${escape(t.current)}</th><th>${escape(t.changed)}</th><th>${escape(t.change)}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function keyValues(values: Record<string, number | string | boolean>, none: string): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return `<p>${escape(none)}</p>`;
  return `<table>${entries.map(([k, v]) => `<tr><td>${escape(k)}</td><td class="n">${escape(v)}</td></tr>`).join('')}</table>`;
}

const CSS = `body{font-family:system-ui,sans-serif;color:#1c2833;background:#f4f6f7;margin:0}main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 6px}h2{font-size:17px;margin:8px 0}.lead{color:#566573}.muted{color:#808b96}
section{background:#fff;border-radius:8px;padding:14px 18px;margin:14px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
section.ok{border-left:6px solid #27ae60}section.bad{border-left:6px solid #c0392b}
table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}td,th{padding:4px 8px;border-bottom:1px solid #eaeded;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}`;
