import { z } from 'zod';
import {
  compileWithMjml,
  createRenderer,
  createTemplateCompiler,
  getTemplate,
  listTemplates,
  OBJECTION_NOTICE,
  renderMessage,
  resolveLanguage,
  sampleBranding,
  sampleVariablesFor,
  TemplateVariablesError,
  type Language,
} from '../../templates';
import { fillTemplate, TemplateFillError } from '../../templates/fill';
import { escapeHtml, keepPlain } from '../../templates/escape';
import { parsePlaceholders } from '../../templates/placeholders';
import { buildMjml } from '../../templates/layout/document';
import { mjmlHash } from '../../templates/prebuiltHtml';

const languages: Language[] = ['de', 'en'];
const cases = listTemplates().flatMap((t) => languages.map((language) => [t.id, language, t.category] as const));
const samples = (id: string, language: Language) => structuredClone(sampleVariablesFor(getTemplate(id), language)) as any;

/** The sample variables with every optional field left out, to prove templates guard optional values. */
function withoutOptionalFields(schema: z.ZodType, value: unknown): unknown {
  if (schema instanceof z.ZodObject && value && typeof value === 'object') {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.fromEntries(
      Object.entries(shape)
        .filter(([key]) => !shape[key].isOptional())
        .map(([key, fieldSchema]) => [key, withoutOptionalFields(fieldSchema, (value as Record<string, unknown>)[key])]),
    );
  }
  if (schema instanceof z.ZodDefault) return undefined;
  if (schema instanceof z.ZodArray && Array.isArray(value))
    return value.map((item) => withoutOptionalFields(schema.element as z.ZodType, item));
  return value;
}

const render = (templateId: string, language: string | undefined, variables: unknown, branding = sampleBranding) =>
  renderMessage({ templateId, language, variables, branding });

describe('every template, in German and English, with its sample variables', () => {
  it.each(cases)('%s (%s) renders a complete email', async (id, language, category) => {
    const message = await render(id, language, samples(id, language));

    expect(message.language).toBe(language);
    expect(message.subject.trim()).not.toBe('');
    expect(message.preheader.trim()).not.toBe('');
    expect(message.html).toContain('Autohaus Berger');
    expect(message.html).toContain(`lang="${language}"`);
    expect(message.text).toContain('Autohaus Berger');
    for (const part of [message.subject, message.preheader, message.html, message.text]) expect(part).not.toMatch(/\{\{|\}\}/);

    const notice = OBJECTION_NOTICE[language];
    const unsubscribe = sampleBranding.unsubscribeUrl!;
    if (category === 'marketing') {
      expect(message.html).toContain(notice);
      expect(message.html).toContain(`href="${unsubscribe}"`);
      expect(message.text).toContain(notice);
      expect(message.text).toContain(unsubscribe);
    } else {
      expect(message.html).not.toContain(notice);
      expect(message.html).not.toContain(unsubscribe);
      expect(message.text).not.toContain(unsubscribe);
    }
    if (category !== 'staff') {
      expect(message.text).toContain(language === 'de' ? 'Impressum' : 'Legal notice');
      expect(message.text).toContain('Amtsgericht München, HRA 98765');
    }
  });

  it.each(cases)('%s (%s) also renders when every optional value is missing', async (id, language) => {
    const definition = getTemplate(id);
    const minimal = withoutOptionalFields(definition.variables, samples(id, language));
    const { logoUrl, phone, ...brandingWithoutOptionals } = sampleBranding;
    const message = await render(id, language, minimal, brandingWithoutOptionals);
    expect(message.html).not.toContain('<img');
    expect(message.text.length).toBeGreaterThan(100);
  });

  it.each(listTemplates().map((t) => t.id))('%s addresses the reader formally in German (Sie, never du)', async (id) => {
    const message = await render(id, 'de', samples(id, 'de'));
    const visibleHtml = message.html.replace(/<[^>]+>/g, ' ');
    for (const body of [message.subject, message.preheader, message.text, visibleHtml]) {
      expect(body).not.toMatch(/\b(du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer)\b/i);
    }
    for (const body of [message.text, visibleHtml]) expect(body).toMatch(/\b(Sie|Ihr|Ihre|Ihnen|Ihren|Ihrem)\b/);
  });
});

describe('choosing the language', () => {
  it('uses English for an English-speaking customer, whatever the spelling of the code', () => {
    expect(resolveLanguage('en')).toBe('en');
    expect(resolveLanguage('en-GB')).toBe('en');
    expect(resolveLanguage('EN_us')).toBe('en');
  });

  it('falls back to German for a Turkish-speaking customer, since there is no Turkish version', async () => {
    const message = await render('hu-reminder', 'tr', samples('hu-reminder', 'de'));
    expect(message.language).toBe('de');
    expect(message.subject).toContain('Hauptuntersuchung');
  });

  it('falls back to German when the customer record has no language', async () => {
    expect((await render('service-reminder', undefined, samples('service-reminder', 'de'))).language).toBe('de');
    expect((await render('service-reminder', null as any, samples('service-reminder', 'de'))).language).toBe('de');
  });
});

describe('bad variables are reported by template, language and field', () => {
  it('names the missing last name of the customer', async () => {
    const variables = samples('hu-reminder', 'de');
    delete variables.customer.lastName;
    const error = await render('hu-reminder', 'de', variables).catch((e) => e);
    expect(error).toBeInstanceOf(TemplateVariablesError);
    expect(error.message).toContain('"hu-reminder" (de)');
    expect(error.message).toMatch(/customer\.lastName: .*expected string, received undefined/);
    expect(error.problems).toEqual([expect.objectContaining({ path: 'customer.lastName' })]);
  });

  it('names a field with the wrong type, and every bad field at once', async () => {
    const variables = { ...samples('repurchase-vehicle-age', 'en'), vehicleAgeYears: 'six', appointmentUrl: 42 };
    const error = await render('repurchase-vehicle-age', 'en', variables).catch((e) => e);
    expect(error.message).toContain('"repurchase-vehicle-age" (en)');
    expect(error.message).toMatch(/vehicleAgeYears: .*expected number, received string/);
    expect(error.message).toContain('appointmentUrl');
  });

  it('names a bad touchpoint inside the list of a lead escalation', async () => {
    const variables = samples('lead-escalation', 'de');
    variables.touchpoints[1].summary = '';
    await expect(render('lead-escalation', 'de', variables)).rejects.toThrow(/touchpoints\.1\.summary/);
  });

  it('refuses more than the last five touchpoints', async () => {
    const variables = samples('lead-assigned', 'de');
    variables.touchpoints = Array.from({ length: 6 }, () => variables.touchpoints[0]);
    await expect(render('lead-assigned', 'de', variables)).rejects.toThrow(/touchpoints: .*5/);
  });

  it('refuses javascript: links', async () => {
    const variables = { ...samples('double-opt-in-confirmation', 'de'), confirmUrl: 'javascript:alert(1)' };
    await expect(render('double-opt-in-confirmation', 'de', variables)).rejects.toThrow(/confirmUrl: must be an http\(s\) URL/);
  });

  it('requires an unsubscribe link for advertising, but not for staff emails', async () => {
    const { unsubscribeUrl, ...branding } = sampleBranding;
    await expect(render('reactivation-1', 'de', samples('reactivation-1', 'de'), branding)).rejects.toThrow(
      /branding\.unsubscribeUrl: required/,
    );
    await expect(render('lead-assigned', 'de', samples('lead-assigned', 'de'), branding)).resolves.toBeDefined();
  });

  it('names missing imprint fields of the dealer', async () => {
    const branding = { ...sampleBranding, imprint: { ...sampleBranding.imprint, register: '' } };
    await expect(render('service-reminder', 'de', samples('service-reminder', 'de'), branding)).rejects.toThrow(
      /branding\.imprint\.register/,
    );
  });

  it('lists the known templates for an unknown template id', async () => {
    await expect(render('hu-reminder-3', 'de', {})).rejects.toThrow(
      /Unknown template "hu-reminder-3"\. Known templates: .*hu-reminder, hu-reminder-second/,
    );
  });
});

describe('a customer named <script>alert(1)</script>', () => {
  const evil = '<script>alert(1)</script>';

  it('appears as text in the HTML and unchanged in subject and plain text', async () => {
    const variables = samples('reactivation-2', 'de');
    variables.customer = { salutation: 'none', firstName: evil, lastName: 'Müller' };
    const message = await render('reactivation-2', 'de', variables);
    expect(message.html).not.toContain(evil);
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Müller');
    expect(message.subject).toBe(`${evil} Müller, wir würden uns freuen, Sie wiederzusehen`);
    expect(message.text).toContain(`Guten Tag ${evil} Müller,`);
  });

  it('cannot break out of a link attribute either', async () => {
    const variables = samples('hu-reminder', 'de');
    variables.location.bookingUrl = 'https://autohaus-berger.example/termin?x="><img src=x onerror=alert(1)>';
    const message = await render('hu-reminder', 'de', variables);
    expect(message.html).not.toContain('"><img');
    expect(message.html).toContain('href="https://autohaus-berger.example/termin?x=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('in a staff email shows the lead message as text, keeping its line breaks', async () => {
    const variables = samples('lead-assigned', 'de');
    variables.lead.message = `${evil}\nBitte rufen Sie mich an.`;
    const message = await render('lead-assigned', 'de', variables);
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\nBitte rufen Sie mich an.');
    expect(message.html).not.toContain(evil);
  });
});

describe('staff emails about a waiting lead', () => {
  it('show contact, lead, waiting time, the last touchpoints, escalation and both signed links', async () => {
    const variables = samples('lead-escalation', 'de');
    const message = await render('lead-escalation', 'de', variables);
    for (const part of [
      'Stefan Schneider',
      'stefan.schneider@example.de',
      'href="tel:+491712345678"',
      'VW ID.4 Pro, Vorführwagen',
      'Probefahrt',
      '2 Stunden und 15 Minuten',
      'Eskalationsstufe 2',
      'eskaliert von Jonas Weber',
      'Newsletter Winterreifen geöffnet',
      `href="${variables.callResultUrl}"`,
      `href="${variables.claimUrl}"`,
    ]) {
      expect(message.html).toContain(part);
    }
    expect(message.html).toContain('Ich habe angerufen &#8211; Ergebnis eintragen');
    expect(message.text).toContain(`Ich habe angerufen – Ergebnis eintragen: ${variables.callResultUrl}`);
    expect(message.text).toContain(`Lead übernehmen: ${variables.claimUrl}`);
  });

  it('say so when no touchpoints are recorded yet', async () => {
    const message = await render('staff-task', 'en', { ...samples('staff-task', 'en'), touchpoints: [] });
    expect(message.text).toContain('No touchpoints recorded yet.');
  });
});

describe('precompiling', () => {
  it('runs MJML once per template and language, however many messages are rendered', async () => {
    let mjmlRuns = 0;
    const renderer = createRenderer(createTemplateCompiler((mjml, name) => (mjmlRuns++, compileWithMjml(mjml, name))));
    const jobs = [];
    for (let i = 0; i < 25; i++) {
      for (const language of languages) {
        const variables = samples('service-reminder', language);
        variables.customer.lastName = `Kunde ${i}`;
        jobs.push(renderer.renderMessage({ templateId: 'service-reminder', language, variables, branding: sampleBranding }));
      }
    }
    const messages = await Promise.all(jobs);
    expect(mjmlRuns).toBe(2);
    expect(renderer.compileStats().perTemplate).toEqual({ 'service-reminder:de': 1, 'service-reminder:en': 1 });
    expect(messages[48].html).toContain('Kunde 24');
  });

  it('uses the HTML `npm run build` prebuilt for exactly this MJML, and compiles a template changed since the build', async () => {
    const definition = getTemplate('service-reminder')!;
    const mjml = buildMjml(definition, 'de');
    const built = await compileWithMjml(mjml, 'service-reminder:de');
    const prebuilt = new Map([
      ['service-reminder:de', { mjmlSha256: mjmlHash(mjml), html: built }],
      ['service-reminder:en', { mjmlSha256: mjmlHash('<mjml>the template as it was at the last build</mjml>'), html: 'stale' }],
    ]);
    let mjmlRuns = 0;
    const compiler = createTemplateCompiler((source, name) => (mjmlRuns++, compileWithMjml(source, name)), prebuilt);
    const renderer = createRenderer(compiler);
    const de = await renderer.renderMessage({
      templateId: 'service-reminder',
      language: 'de',
      variables: samples('service-reminder', 'de'),
      branding: sampleBranding,
    });
    const en = await renderer.renderMessage({
      templateId: 'service-reminder',
      language: 'en',
      variables: samples('service-reminder', 'en'),
      branding: sampleBranding,
    });
    expect(compiler.stats().perTemplate).toEqual({ 'service-reminder:en': 1 });
    expect(mjmlRuns).toBe(1);
    expect(de.html).toContain(samples('service-reminder', 'de').customer.lastName);
    expect(en.html).not.toContain('stale');
  });

  it('can compile every template up front at worker start', async () => {
    const renderer = createRenderer();
    const stats = await renderer.precompileAll();
    expect(stats.mjmlCompiles).toBe(listTemplates().length * 2);
    await renderer.renderMessage({
      templateId: 'hu-reminder',
      language: 'en',
      variables: samples('hu-reminder', 'en'),
      branding: sampleBranding,
    });
    expect(renderer.compileStats().mjmlCompiles).toBe(listTemplates().length * 2);
  });
});

describe('placeholders', () => {
  const fill = (template: string, context: object) => fillTemplate(parsePlaceholders(template, 't'), context, escapeHtml, 't');

  it('repeat sections for lists, show optional parts only when set, and invert with ^', () => {
    expect(fill('{{#items}}[{{name}}]{{/items}}{{^items}}none{{/items}}', { items: [{ name: 'a' }, { name: 'b' }] })).toBe('[a][b]');
    expect(fill('{{#items}}[{{.}}]{{/items}}{{^items}}none{{/items}}', { items: [] })).toBe('none');
    expect(fill('a{{#plate}} ({{plate}}){{/plate}}', { plate: 'M-AB 1' })).toBe('a (M-AB 1)');
    expect(fill('a{{#plate}} ({{plate}}){{/plate}}', {})).toBe('a');
  });

  it('treat an unguarded missing value as a template bug', () => {
    expect(() => fill('Hallo {{customer.name}}', {})).toThrow(TemplateFillError);
    expect(() => fill('Hallo {{customer.name}}', {})).toThrow(/\{\{customer\.name\}\}/);
  });

  it('reject unbalanced sections and unescaped output at compile time', () => {
    expect(() => parsePlaceholders('{{#a}}x', 't')).toThrow(/never closed/);
    expect(() => parsePlaceholders('{{#a}}x{{/b}}', 't')).toThrow(/closes "a"/);
    expect(() => parsePlaceholders('{{{raw}}}', 't')).toThrow(/triple braces/);
  });

  it('leave plain text unescaped', () => {
    expect(fillTemplate(parsePlaceholders('{{a}}', 't'), { a: '<b> & "c"' }, keepPlain, 't')).toBe('<b> & "c"');
  });
});
