import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesRoot } from '@schakel/common';
import { PageRenderer, type TextCatalogue } from './page.renderer';

const root = join(templatesRoot(), 'pages');
const read = (lang: string): TextCatalogue =>
  Object.assign({}, ...readdirSync(join(root, 'text', lang)).map((file) => JSON.parse(readFileSync(join(root, 'text', lang, file), 'utf8')) as TextCatalogue));

function paths(node: TextCatalogue, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : paths(value, `${prefix}${key}.`)));
}

describe('the page text catalogues', () => {
  const nl = read('nl');
  const en = read('en');

  it('have the same words in Dutch and English, none empty', () => {
    expect(paths(en).sort()).toEqual(paths(nl).sort());
    const renderer = new PageRenderer();
    for (const path of paths(nl)) {
      expect(renderer.word('nl', path).trim()).not.toBe('');
      expect(renderer.word('en', path).trim()).not.toBe('');
    }
  });

  it('hold every word a template names (t.section.word)', () => {
    const templates = [...readdirSync(root).filter((f) => f.endsWith('.hbs')), ...readdirSync(join(root, 'partials')).map((f) => join('partials', f))];
    const missing: string[] = [];
    const all = new Set([...paths(nl), ...paths(nl).flatMap((p) => p.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')))]);
    for (const file of templates) {
      for (const [, path] of readFileSync(join(root, file), 'utf8').matchAll(/\bt\.([A-Za-z][\w.]*\w)/g)) {
        if (!all.has(path)) missing.push(`${file}: t.${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('fills {placeholders} and never shows "undefined" for a missing word', () => {
    const renderer = new PageRenderer();
    expect(renderer.word('nl', 'register.doneText', { email: 'anna@example.nl' })).toContain('anna@example.nl');
    expect(() => renderer.word('nl', 'register.noSuchWord')).toThrow(/has no register.noSuchWord/);
  });
});
