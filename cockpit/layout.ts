import type { CockpitUser } from '../db/generated/client';
import { html, SafeHtml } from '../timeline/html';
import type { MessageKey, Translator } from './i18n';

export { html, SafeHtml };

export type NavItem = 'overview' | 'leads' | 'campaigns' | 'newsletters' | 'customers' | 'staff';
const NAV: Array<{ id: NavItem; href: string; key: MessageKey }> = [
  { id: 'overview', href: '/cockpit', key: 'nav.overview' },
  { id: 'leads', href: '/cockpit/leads', key: 'nav.leads' },
  { id: 'campaigns', href: '/cockpit/campaigns', key: 'nav.campaigns' },
  { id: 'newsletters', href: '/cockpit/newsletters', key: 'nav.newsletters' },
  { id: 'customers', href: '/cockpit/customers', key: 'nav.customers' },
  { id: 'staff', href: '/cockpit/staff', key: 'nav.staff' },
];

export type Frame = {
  tr: Translator;
  title: string;
  /** Logged-in frame (navigation, user, logout); absent on the login and error pages before login. */
  user?: Pick<CockpitUser, 'name' | 'role'>;
  csrfToken?: string;
  active?: NavItem;
  dealerName?: string;
  /** Seconds after which the browser reloads the page (live newsletter progress). */
  refreshSeconds?: number;
  body: SafeHtml;
};

/** A hidden CSRF field for a form of the logged-in user. */
export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}" />`;

/** The page frame: one stylesheet from /cockpit/assets, no script, no third-party host. */
export function cockpitPage(frame: Frame): string {
  const { tr } = frame;
  const nav = frame.user
    ? html`<nav>
        <span class="brand">Stammkunde</span
        >${NAV.map((n) => html`<a href="${n.href}" class="${n.id === frame.active ? 'active' : ''}">${tr.t(n.key)}</a>`)}
        <span class="spacer"></span><span class="who">${frame.user.name} · ${tr.label(frame.user.role)}</span>
        <a href="?lang=${tr.lang === 'de' ? 'en' : 'de'}" class="lang">${tr.lang === 'de' ? 'English' : 'Deutsch'}</a>
        <form method="post" action="/cockpit/logout" class="inline">
          ${csrfField(frame.csrfToken ?? '')}<button type="submit" class="link">${tr.t('nav.logout')}</button>
        </form>
      </nav>`
    : html`<nav><span class="brand">Stammkunde</span></nav>`;
  return html`<!doctype html>
    <html lang="${tr.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        ${frame.refreshSeconds ? html`<meta http-equiv="refresh" content="${frame.refreshSeconds}" />` : ''}
        <title>${frame.title} · Stammkunde</title>
        <link rel="stylesheet" href="/cockpit/assets/cockpit.css" />
      </head>
      <body>
        ${nav}
        <header>
          <h1>${frame.title}</h1>
          ${frame.dealerName ? html`<p>${frame.dealerName}</p>` : ''}
        </header>
        <main>${frame.body}</main>
      </body>
    </html>`.value;
}

export const COCKPIT_CSS = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d2330;font-size:14px}
nav{display:flex;align-items:center;gap:4px;background:#0f2540;padding:0 16px;height:44px}
nav a,nav .brand,nav .who,nav button.link{color:#dbe4ee;text-decoration:none;padding:6px 10px;border-radius:6px;font-size:14px}
nav .brand{font-weight:700;color:#fff;margin-right:12px}nav a.active,nav a:hover{background:#23446b;color:#fff}
nav .spacer{flex:1}nav .who{opacity:.8}
header{background:#16324f;color:#fff;padding:14px 24px}header h1{margin:0;font-size:21px}header p{margin:2px 0 0;opacity:.8}
main{max-width:1180px;margin:0 auto;padding:16px 24px}
section{background:#fff;border-radius:8px;padding:14px 18px;margin:0 0 16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:12px 0 6px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:16px}.grid section{margin:0}.grid .wide{grid-column:span 2}@media (max-width:800px){.grid .wide{grid-column:auto}}
.kpis{display:flex;gap:24px;flex-wrap:wrap}.kpi b{display:block;font-size:28px}.kpi span{color:#5b6575}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{color:#5b6575;font-weight:600}td.num,th.num{text-align:right}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:12px;background:#e4e7eb}
.ok{background:#d3f2dc;color:#13522a}.warn{background:#fde7c2;color:#7a4a00}.bad{background:#fbd5d5;color:#8a1c1c}
.overdue td{background:#fff4f4}.detail{color:#5b6575;font-size:12px}
form.filters{display:flex;gap:12px;align-items:end;flex-wrap:wrap}label{display:block;font-weight:600;font-size:12px;color:#5b6575}
input,select,button{font:inherit;padding:5px 8px;border:1px solid #c9d3de;border-radius:6px;background:#fff}
button{background:#1d4ed8;color:#fff;border-color:#1d4ed8;cursor:pointer}button.secondary{background:#fff;color:#1d4ed8}
button.danger{background:#b91c1c;border-color:#b91c1c}form.inline{display:inline}
nav button.link{background:none;border:0;cursor:pointer}
.chart svg{max-width:100%;height:auto}.diagram{overflow-x:auto}.diagram svg{max-width:none}
.flash{background:#e0ecff;border-left:4px solid #1d4ed8;padding:8px 12px;margin:0 0 16px;border-radius:4px}
.error h2{color:#b91c1c}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dl.facts dt{color:#5b6575}dl.facts dd{margin:0}
.login{max-width:380px;margin:40px auto}.login label{margin-top:10px}.login input{width:100%}.login button{margin-top:14px;width:100%}
`;
