import { html, type SafeHtml } from '../../timeline/html';

/** The rows of a cockpit table: one per item, or a single row that says there is nothing (never an empty table). */
export function rowsOrNone<T>(items: T[], row: (item: T) => SafeHtml, none: string): SafeHtml | SafeHtml[] {
  return items.length
    ? items.map(row)
    : html`<tr>
        <td>${none}</td>
      </tr>`;
}
