import type { Language } from '../types';
import { theme } from './theme';

/** `<mj-head>` shared by all layouts: title (the subject), preheader and default styles. */
export function mjmlHead(): string {
  return `<mj-head>
  <mj-title>{{meta.subject}}</mj-title>
  <mj-preview>{{meta.preheader}}</mj-preview>
  <mj-attributes>
    <mj-all font-family="${theme.font}" />
    <mj-text font-size="15px" line-height="1.55" color="${theme.text}" padding="4px 28px" />
    <mj-button background-color="${theme.accent}" color="#ffffff" font-size="15px" font-weight="bold" border-radius="4px" inner-padding="12px 24px" padding="12px 28px" align="left" />
    <mj-section padding="0" />
  </mj-attributes>
  <mj-style>
    p { margin: 0 0 12px; }
    a { color: ${theme.accent}; }
    .muted a { color: ${theme.muted}; }
  </mj-style>
</mj-head>`;
}

export function mjmlDocument(language: Language, sections: string[]): string {
  return `<mjml lang="${language}">
${mjmlHead()}
<mj-body background-color="${theme.page}" width="600px">
${sections.join('\n')}
</mj-body>
</mjml>`;
}
