import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesRoot, type Locale } from '@schakel/common';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface CompiledTemplate {
  subject: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
}

const LOCALES: Locale[] = ['nl', 'en'];
const PART = /^\{\{!-- (subject|text|html) --\}\}[ \t]*$/m;

/**
 * templates/emails/<locale>/<name>.hbs holds three parts, each opened by a comment line:
 * `{{!-- subject --}}`, `{{!-- text --}}`, `{{!-- html --}}`. Files starting with `_` are
 * partials (`_layout` wraps every HTML part around `{{{body}}}`).
 */
export function parseTemplateFile(source: string, file = 'template'): Record<'subject' | 'text' | 'html', string> {
  const pieces = source.split(PART);
  const parts: Partial<Record<'subject' | 'text' | 'html', string>> = {};
  for (let i = 1; i < pieces.length; i += 2) parts[pieces[i] as 'subject' | 'text' | 'html'] = pieces[i + 1].trim();
  if (parts.subject === undefined || parts.text === undefined || parts.html === undefined) {
    throw new Error(`${file}: needs a subject, a text and an html part`);
  }
  return parts as Record<'subject' | 'text' | 'html', string>;
}

/** Compiles every e-mail template once per process, one Handlebars environment per locale. */
export class TemplateRenderer {
  private readonly compiled = new Map<string, CompiledTemplate>();
  private readonly layouts = new Map<Locale, HandlebarsTemplateDelegate>();

  constructor(dir = join(templatesRoot(), 'emails')) {
    for (const locale of LOCALES) this.load(join(dir, locale), locale);
  }

  render(locale: Locale, name: string, data: object): RenderedEmail {
    const template = this.compiled.get(`${locale}/${name}`) ?? this.compiled.get(`nl/${name}`);
    const layout = this.layouts.get(locale) ?? this.layouts.get('nl');
    if (!template || !layout) throw new Error(`e-mail template ${locale}/${name} is missing`);
    const subject = template.subject(data).replace(/\s+/g, ' ').trim();
    const text = `${template.text(data).replace(/\n{3,}/g, '\n\n').trim()}\n`;
    const html = layout({ ...data, subject, body: new Handlebars.SafeString(template.html(data)) });
    return { subject, text, html };
  }

  private load(dir: string, locale: Locale): void {
    const env = Handlebars.create();
    const files = readdirSync(dir).filter((f) => f.endsWith('.hbs'));
    for (const file of files.filter((f) => f.startsWith('_'))) {
      env.registerPartial(file.slice(1, -4), readFileSync(join(dir, file), 'utf8'));
    }
    const layout = env.partials.layout;
    if (typeof layout !== 'string') throw new Error(`${dir}/_layout.hbs is missing`);
    this.layouts.set(locale, env.compile(layout, { strict: false }));
    for (const file of files.filter((f) => !f.startsWith('_'))) {
      const parts = parseTemplateFile(readFileSync(join(dir, file), 'utf8'), `${locale}/${file}`);
      // Subject and text are not HTML: no escaping there (the mail client shows them as they are).
      this.compiled.set(`${locale}/${file.slice(0, -4)}`, {
        subject: env.compile(parts.subject, { noEscape: true }),
        text: env.compile(parts.text, { noEscape: true }),
        html: env.compile(parts.html),
      });
    }
  }
}
