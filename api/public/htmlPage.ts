import { escapeHtml } from '../../templates/escape';

/** Small, clean pages for the links in emails, in the customer's language: one card, readable on a phone, no external assets. */
const style = `
  *{box-sizing:border-box}
  body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f3f4f6;color:#1f2937}
  main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
  h1{font-size:1.4rem;margin:0 0 1rem}
  p{margin:0 0 1rem}
  .note{color:#6b7280;font-size:.9rem}
  button{font:inherit;padding:.7rem 1.4rem;border:0;border-radius:8px;background:#1d4ed8;color:#fff;cursor:pointer}
  button:hover{background:#1e40af}
  label{display:block;margin:.8rem 0 .3rem;font-weight:600}
  select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #d1d5db;border-radius:6px}
  .error h1{color:#b91c1c}
`;

export type Page = { title: string; paragraphs?: string[]; html?: string; tone?: 'normal' | 'error'; language?: 'de' | 'en' };

/** Paragraphs are escaped; `html` is trusted markup (forms built here). */
export function htmlPage(page: Page): string {
  const paragraphs = (page.paragraphs ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n    ');
  return `<!doctype html>
<html lang="${page.language ?? 'de'}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${escapeHtml(page.title)}</title>
  <style>${style}</style>
</head>
<body>
  <main${page.tone === 'error' ? ' class="error"' : ''}>
    <h1>${escapeHtml(page.title)}</h1>
    ${paragraphs}
    ${page.html ?? ''}
  </main>
</body>
</html>`;
}

/** A form that posts back to the same signed link. */
export function confirmForm(action: string, buttonLabel: string, hidden: Record<string, string> = {}): string {
  const inputs = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return `<form method="post" action="${escapeHtml(action)}">${inputs}<button type="submit">${escapeHtml(buttonLabel)}</button></form>`;
}
