import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import { barChart } from '../charts/svgChart';
import type { CampaignResults, VersionCount } from '../data/campaignStats';
import { journeyGraph } from '../diagram/journeyGraph';
import { renderJourneyDiagram, type StepCounts } from '../diagram/renderJourney';
import type { Translator } from '../i18n';
import { html } from '../layout';
import { percent } from './format';

const versionsText = (versions: VersionCount[] | undefined, tr: Translator) =>
  versions?.length ? versions.map((v) => `v${v.version}: ${v.total} (${v.active} ${tr.t('campaigns.active')})`).join(' · ') : '0';

/** Every campaign from campaigns/, with version and enrollments per pinned version. */
export function campaignsBody(campaigns: CampaignDefinition[], enrollments: Map<string, VersionCount[]>, tr: Translator) {
  return html`<section>
    <table id="campaign-list">
      <thead>
        <tr>
          <th>${tr.t('common.name')}</th>
          <th>${tr.t('campaigns.version')}</th>
          <th>${tr.t('campaigns.enrollments')} ${tr.t('campaigns.byVersion')}</th>
        </tr>
      </thead>
      <tbody>
        ${campaigns.map(
          (c) =>
            html`<tr>
              <td>
                <a href="/cockpit/campaigns/${c.id}">${c.name}</a>
                <div class="detail">${c.id} · ${c.audience}</div>
              </td>
              <td>v${c.version}</td>
              <td>${versionsText(enrollments.get(c.id), tr)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

/** One campaign: the journey diagram with per-step counts beside its results. */
export function campaignBody(
  campaign: CampaignDefinition,
  versions: VersionCount[] | undefined,
  counts: Map<string, StepCounts>,
  results: CampaignResults,
  tr: Translator,
) {
  const graph = journeyGraph(campaign, tr.lang);
  const h = results.holdout;
  const de = tr.lang === 'de';
  return html`<section id="campaign-facts">
      <dl class="facts">
        <dt>ID</dt>
        <dd>${campaign.id}</dd>
        <dt>${tr.t('campaigns.version')}</dt>
        <dd>v${campaign.version}</dd>
        <dt>${tr.t('campaigns.enrollments')}</dt>
        <dd id="versions">${versionsText(versions, tr)}</dd>
        <dt>${de ? 'Zielgruppe' : 'Audience'}</dt>
        <dd>${campaign.audience}</dd>
        <dt>${de ? 'Rechtsgrundlage' : 'Legal basis'}</dt>
        <dd>${campaign.legalBasis}</dd>
        <dt>${de ? 'Kontrollgruppe' : 'Holdout'}</dt>
        <dd>${campaign.options.holdoutPercent} %</dd>
      </dl>
    </section>
    <div class="grid">
      <section id="journey" class="diagram">
        <h2>${tr.t('campaign.journey')}</h2>
        <p class="detail">${tr.t('campaign.stepsNote')}</p>
        ${renderJourneyDiagram(graph, { counts, countWords: [tr.t('campaign.waiting'), tr.t('campaign.passed'), tr.t('campaign.exited')] })}
      </section>
      <div>
        <section>
          <table id="step-counts">
            <thead>
              <tr>
                <th>${de ? 'Schritt' : 'Step'}</th>
                <th class="num">${tr.t('campaign.waiting')}</th>
                <th class="num">${tr.t('campaign.passed')}</th>
                <th class="num">${tr.t('campaign.exited')}</th>
              </tr>
            </thead>
            <tbody>
              ${graph.nodes
                .filter((n) => counts.has(n.id))
                .map((n) => {
                  const c = counts.get(n.id)!;
                  return html`<tr data-path="${n.id}">
                    <td>${n.id} · ${n.title}</td>
                    <td class="num">${c.waiting}</td>
                    <td class="num">${c.passed}</td>
                    <td class="num">${c.exited}</td>
                  </tr>`;
                })}
            </tbody>
          </table>
        </section>
        <section id="results">
          <h2>${tr.t('campaign.results')}</h2>
          <table>
            <tbody>
              <tr>
                <td>${tr.t('campaign.sent')}</td>
                <td class="num" id="sent">${results.sent}</td>
              </tr>
              <tr>
                <td>${tr.t('campaign.deferredWindow')}</td>
                <td class="num">${results.deferredWindow}</td>
              </tr>
              <tr>
                <td>${tr.t('campaign.deferredCap')}</td>
                <td class="num">${results.deferredCap}</td>
              </tr>
              ${results.skipped.map(
                (s) =>
                  html`<tr>
                    <td>${tr.t('campaign.skipped')}: ${tr.label(s.reason)}</td>
                    <td class="num">${s.count}</td>
                  </tr>`,
              )}
              ${
                results.failed
                  ? html`<tr>
                      <td>${tr.label('failed')}</td>
                      <td class="num">${results.failed}</td>
                    </tr>`
                  : ''
              }
            </tbody>
          </table>
          <h3>${tr.t('campaign.holdout')}</h3>
          ${
            h
              ? html`${barChart({ categories: [tr.t('campaign.treated'), tr.t('campaign.control')], series: [{ name: tr.t('campaign.conversion'), values: [Math.round((h.treated.conversionRate ?? 0) * 1000) / 10, Math.round((h.holdout.conversionRate ?? 0) * 1000) / 10] }], unit: ' %', width: 420 })}
                  <table id="holdout">
                    <thead>
                      <tr>
                        <th></th>
                        <th class="num">${tr.t('campaigns.enrollments')}</th>
                        <th class="num">${de ? 'konvertiert' : 'converted'}</th>
                        <th class="num">${tr.t('campaign.conversion')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <tr>
                        <td>${tr.t('campaign.treated')}</td>
                        <td class="num">${h.treated.enrollments}</td>
                        <td class="num">${h.treated.converted}</td>
                        <td class="num">${percent(h.treated.conversionRate, tr.lang)}</td>
                      </tr>
                      <tr>
                        <td>${tr.t('campaign.control')}</td>
                        <td class="num">${h.holdout.enrollments}</td>
                        <td class="num">${h.holdout.converted}</td>
                        <td class="num">${percent(h.holdout.conversionRate, tr.lang)}</td>
                      </tr>
                    </tbody>
                  </table>
                  <p id="uplift">
                    ${tr.t('campaign.uplift')}:
                    ${results.uplift ? html`<b>${(results.uplift.value * 100).toFixed(1)} ${de ? 'Prozentpunkte' : 'percentage points'}</b>, ${tr.t('campaign.ci')} [${(results.uplift.low * 100).toFixed(1)}; ${(results.uplift.high * 100).toFixed(1)}]` : de ? '– (eine Gruppe ist noch leer)' : '– (a group is still empty)'}
                  </p>`
              : html`<p>${tr.t('common.none')}</p>`
          }
          <p class="detail">
            ${de ? 'Konversion: Werkstattbesuch, Kauf oder Anfrage nach Eintritt.' : 'Conversion: a service visit, purchase or lead after entry.'}
          </p>
        </section>
      </div>
    </div>`;
}
