import type { Locale } from '@schakel/common';
import type { PageRenderer } from '@schakel/web';

/** One word from the page catalogue, for what the layout needs outside a template (the <title>). */
export function pageText(pages: PageRenderer, lang: Locale, page: string, key: string): string {
  const section = pages.texts(lang)[page];
  const text = typeof section === 'object' ? section[key] : undefined;
  if (typeof text !== 'string') throw new Error(`templates/pages/text/${lang}.json has no ${page}.${key}`);
  return text;
}
