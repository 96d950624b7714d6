import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesRoot, type Locale } from '@schakel/common';

/** What every page gives the layout. */
export interface PageView {
  lang: Locale;
  title: string;
  [key: string]: unknown;
}

/**
 * Server-rendered pages: `templates/pages/<name>.hbs` inside `templates/pages/_layout.hbs`,
 * with the partials in `templates/pages/partials/`. One Handlebars environment, compiled
 * once per process; Handlebars escapes every `{{value}}`, so page code never builds HTML.
 */
export class PageRenderer {
  private readonly handlebars = Handlebars.create();
  private readonly layout: HandlebarsTemplateDelegate;
  private readonly pages = new Map<string, HandlebarsTemplateDelegate>();
  private readonly text: Record<Locale, TextCatalogue>;

  constructor(root = join(templatesRoot(), 'pages')) {
    for (const file of readdirSync(join(root, 'partials'))) {
      if (file.endsWith('.hbs')) this.handlebars.registerPartial(basename(file, '.hbs'), readFileSync(join(root, 'partials', file), 'utf8'));
    }
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.layout = this.handlebars.compile(readFileSync(join(root, '_layout.hbs'), 'utf8'));
    this.text = { nl: readCatalogue(root, 'nl'), en: readCatalogue(root, 'en') };
    for (const file of readdirSync(root)) {
      if (file.endsWith('.hbs') && !file.startsWith('_')) this.pages.set(basename(file, '.hbs'), this.handlebars.compile(readFileSync(join(root, file), 'utf8')));
    }
  }

  render(page: string, view: PageView): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`no page template ${page}`);
    const withText = { ...view, t: this.text[view.lang] };
    return this.layout({ ...withText, body: template(withText) });
  }

  /**
   * One word from the catalogue by its dotted path (`welcome.title`, `verify.status.valid`), for
   * what a controller needs outside a template (the page's <title>). A missing word throws:
   * a page must never show "undefined".
   */
  word(lang: Locale, path: string): string {
    const found = path.split('.').reduce<string | TextCatalogue | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), this.text[lang]);
    if (typeof found !== 'string') throw new Error(`templates/pages/text/${lang}.json has no ${path}`);
    return found;
  }
}

/** `templates/pages/text/<locale>.json`: every word on the pages, per page, nl (default) and en. */
export interface TextCatalogue {
  [key: string]: string | TextCatalogue;
}

function readCatalogue(root: string, lang: Locale): TextCatalogue {
  return JSON.parse(readFileSync(join(root, 'text', `${lang}.json`), 'utf8')) as TextCatalogue;
}
