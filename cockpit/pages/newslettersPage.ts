import type { NewsletterDefinition } from '../../newsletters/definition';
import type { NewsletterScheduleSummary } from '../../newsletters/schedules';
import type { NewsletterRunRow } from '../data/newsletters';
import type { Translator } from '../i18n';
import { csrfField, html } from '../layout';
import { dateTime } from './format';

const RECIPIENT_STATUSES = ['pending', 'queued', 'sent', 'skipped', 'failed'];

function scheduleText(n: NewsletterDefinition, tr: Translator): string {
  const s = n.schedule;
  if (!s) return tr.t('newsletters.noSchedule');
  const when = s.weekday
    ? `${s.weekOfMonth ? `${s.weekOfMonth}. ` : ''}${s.weekday}`
    : `${tr.lang === 'de' ? 'Tag' : 'day'} ${s.dayOfMonth ?? 1}`;
  return `${tr.lang === 'de' ? 'Monat' : 'month'} ${s.months.join(', ')} · ${when} · ${s.at} (${s.timeZone})`;
}

function controls(run: NewsletterRunRow, tr: Translator, csrfToken: string, mayControl: boolean) {
  if (!mayControl || !run.workflowId || !['running', 'paused'].includes(run.status)) return '';
  const button = (action: 'pause' | 'resume' | 'cancel', label: string, cls = '') =>
    html`<form method="post" action="/cockpit/newsletters/runs/${run.id}/${action}" class="inline">
      ${csrfField(csrfToken)}<button type="submit" class="${cls}" data-action="${action}">${label}</button>
    </form> `;
  return html`${run.status === 'running' ? button('pause', tr.t('newsletters.pause'), 'secondary') : button('resume', tr.t('newsletters.resume'))}${button('cancel', tr.t('newsletters.cancel'), 'danger')}`;
}

/** Newsletter definitions and schedules, and the runs with live counts and pause/resume/cancel. */
export function newslettersBody(input: {
  definitions: NewsletterDefinition[];
  schedules: NewsletterScheduleSummary[] | undefined;
  runs: NewsletterRunRow[];
  tr: Translator;
  csrfToken: string;
  mayControl: boolean;
  flash?: string;
}) {
  const { tr } = input;
  const scheduleOf = (id: string) => input.schedules?.find((s) => s.newsletterId === id);
  return html`${input.flash ? html`<div class="flash" id="flash">${input.flash}</div>` : ''}
    <section id="runs">
      <h2>${tr.t('newsletters.runs')}</h2>
      ${
        input.runs.length === 0
          ? html`<p>${tr.t('common.none')}</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>${tr.t('common.name')}</th>
                  <th>${tr.t('common.status')}</th>
                  <th>${tr.t('common.when')}</th>
                  ${RECIPIENT_STATUSES.map((s) => html`<th class="num">${tr.label(s)}</th>`)}
                  <th class="num">${tr.t('common.total')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                ${input.runs.map(
                  (r) =>
                    html`<tr data-run="${r.id}">
                      <td>${r.name}</td>
                      <td class="run-status">${tr.label(r.status)}</td>
                      <td>
                        ${dateTime(r.startedAt, tr.lang)}${r.finishedAt ? html`<div class="detail">→ ${dateTime(r.finishedAt, tr.lang)}</div>` : ''}
                      </td>
                      ${RECIPIENT_STATUSES.map((s) => html`<td class="num">${r.counts[s] ?? 0}</td>`)}
                      <td class="num">${r.total}</td>
                      <td>${controls(r, tr, input.csrfToken, input.mayControl)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>
    <section id="definitions">
      <h2>${tr.t('newsletters.definitions')}</h2>
      <table>
        <thead>
          <tr>
            <th>${tr.t('common.name')}</th>
            <th>${tr.t('newsletters.schedule')}</th>
            <th>${tr.lang === 'de' ? 'Nächste Läufe' : 'Next runs'}</th>
          </tr>
        </thead>
        <tbody>
          ${input.definitions.map((n) => {
            const schedule = scheduleOf(n.id);
            return html`<tr>
              <td>
                ${n.name}
                <div class="detail">${n.id} · ${n.legalBasis}${n.ratePerSecond ? ` · ${n.ratePerSecond}/s` : ''}</div>
              </td>
              <td>${scheduleText(n, tr)}${schedule?.paused ? html` <span class="badge warn">${tr.label('paused')}</span>` : ''}</td>
              <td>
                ${
                  schedule
                    ? schedule.nextRuns
                        .slice(0, 2)
                        .map((d) => dateTime(d, tr.lang))
                        .join(', ')
                    : input.schedules === undefined && n.schedule
                      ? '?'
                      : '–'
                }
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>`;
}
