import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesRoot, type Locale } from '@schakel/common';
import { StaticAssets } from './static-assets';

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
  /**
   * A hash of everything a rendered page depends on besides its data (templates, partials,
   * words, asset names): a stored page is only valid for the build that rendered it.
   */
  readonly buildId: string;

  constructor(
    readonly assets = new StaticAssets(),
    root = join(templatesRoot(), 'pages'),
  ) {
    const build = createHash('sha256').update(assets.fingerprints.join('\n'));
    const read = (path: string) => {
      const source = readFileSync(path, 'utf8');
      build.update(path).update(source);
      return source;
    };
    for (const file of readdirSync(join(root, 'partials')).sort()) {
      if (file.endsWith('.hbs')) this.handlebars.registerPartial(basename(file, '.hbs'), read(join(root, 'partials', file)));
    }
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.handlebars.registerHelper('asset', (name: string) => this.assets.url(name));
    this.handlebars.registerHelper('encode', (value: unknown) => encodeURIComponent(String(value ?? '')));
    // Small building blocks for passing values to partials: (array a b), (object key=value), (concat 'a' n), (either test a b).
    this.handlebars.registerHelper('array', (...args: unknown[]) => args.slice(0, -1));
    this.handlebars.registerHelper('object', (options: Handlebars.HelperOptions) => ({ ...(options.hash as Record<string, unknown>) }));
    this.handlebars.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map((a) => String(a ?? '')).join(''));
    this.handlebars.registerHelper('either', (test: unknown, a: unknown, b: unknown) => (test ? a : b));
    // {{phrase 'enrol.waitlisted' place=3}} or {{phrase key values}}: a word by its path, with {place} filled in (escaped by Handlebars).
    this.handlebars.registerHelper('phrase', function (this: unknown, path: string, ...rest: unknown[]) {
      const options = rest.pop() as Handlebars.HelperOptions;
      const root = options.data.root as { t: TextCatalogue; lang: Locale };
      const values = { ...((rest[0] as Record<string, unknown> | undefined) ?? {}), ...(options.hash as Record<string, unknown>) };
      return fill(lookupWord(root.t, path, root.lang), values);
    });
    this.layout = this.handlebars.compile(read(join(root, '_layout.hbs')));
    this.text = { nl: readCatalogue(root, 'nl'), en: readCatalogue(root, 'en') };
    build.update(JSON.stringify(this.text));
    for (const file of readdirSync(root).sort()) {
      if (file.endsWith('.hbs') && !file.startsWith('_')) this.pages.set(basename(file, '.hbs'), this.handlebars.compile(read(join(root, file))));
    }
    this.buildId = build.digest('base64url').slice(0, 16);
  }

  render(page: string, view: PageView): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`no page template ${page}`);
    // Copied with their descriptors, not spread: a lazy view value (the CSRF token, which starts
    // a session) is only computed when a template actually uses it.
    const withText = Object.defineProperties({ t: this.text[view.lang] }, Object.getOwnPropertyDescriptors(view));
    return this.layout(Object.defineProperties({ body: template(withText) }, Object.getOwnPropertyDescriptors(withText)));
  }

  /**
   * One word from the catalogue by its dotted path (`welcome.title`, `verify.status.valid`), for
   * what a controller needs outside a template (the page's <title>), with `{name}` placeholders
   * filled from `values`. A missing word throws: a page must never show "undefined".
   */
  word(lang: Locale, path: string, values: Record<string, unknown> = {}): string {
    return fill(lookupWord(this.text[lang], path, lang), values);
  }
}

function lookupWord(catalogue: TextCatalogue, path: string, lang: Locale): string {
  const found = path.split('.').reduce<string | TextCatalogue | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), catalogue);
  if (typeof found !== 'string') throw new Error(`templates/pages/text/${lang}.json has no ${path}`);
  return found;
}

/** "Je staat op plek {place}" with values → "Je staat op plek 3"; an unknown {name} stays visible. */
function fill(word: string, values: Record<string, unknown>): string {
  return word.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

/**
 * Every word on the pages, one catalogue per language (nl default, en): the files of
 * `templates/pages/text/<locale>/` (one per area of the site: common, account, learner, …)
 * together, each holding top-level sections (`login`, `verify`, …) that no other file may hold.
 */
export interface TextCatalogue {
  [key: string]: string | TextCatalogue;
}

function readCatalogue(root: string, lang: Locale): TextCatalogue {
  const catalogue: TextCatalogue = {};
  const folder = join(root, 'text', lang);
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
    const part = JSON.parse(readFileSync(join(folder, file), 'utf8')) as TextCatalogue;
    for (const [section, words] of Object.entries(part)) {
      if (section in catalogue) throw new Error(`templates/pages/text/${lang}: section ${section} is in two files (${file})`);
      catalogue[section] = words;
    }
  }
  return catalogue;
}
