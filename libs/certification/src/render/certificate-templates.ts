import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesRoot, type Locale } from '@schakel/common';

/** What a certificate template may print; every value is already formatted for the locale. */
export interface CertificateView {
  holderName: string;
  courseTitle: string;
  /** The refresher course that renewed this certificate, if any. */
  refresherTitle: string | null;
  chainRoles: string | null;
  dates: string;
  hours: string | null;
  trainer: string;
  validFrom: string;
  validUntil: string | null;
  isRenewal: boolean;
  code: string;
  verifyUrl: string;
  issuer: string;
}

const SAFE_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * Handlebars templates per course (`<slug>.<locale>.hbs`) or the default, compiled once per
 * process and kept by path. Output is a line layout (`field: text`) that the renderer places
 * on the page, so a template decides the words and their order, not the drawing.
 */
export class CertificateTemplates {
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate<CertificateView> | null>();
  private readonly folder: string;

  constructor(root = templatesRoot()) {
    this.folder = join(root, 'certificates');
  }

  render(courseSlug: string, locale: Locale, view: CertificateView): string {
    const candidates = [
      ...(SAFE_SLUG.test(courseSlug) ? [`${courseSlug}.${locale}.hbs`] : []),
      `default.${locale}.hbs`,
      'default.nl.hbs',
    ];
    for (const name of candidates) {
      const template = this.load(join(this.folder, name));
      if (template) return template(sanitise(view));
    }
    throw new Error(`no certificate template in ${this.folder}`);
  }

  private load(path: string): HandlebarsTemplateDelegate<CertificateView> | null {
    if (!this.compiled.has(path)) {
      // noEscape: the output is a PDF, not HTML; line breaks are taken out of the values instead.
      this.compiled.set(path, existsSync(path) ? Handlebars.compile<CertificateView>(readFileSync(path, 'utf8'), { noEscape: true, strict: false }) : null);
    }
    return this.compiled.get(path) ?? null;
  }
}

/** A value cannot start a layout line of its own (a name with a newline stays on the holder's line). */
function sanitise(view: CertificateView): CertificateView {
  const entries = Object.entries(view).map(([key, value]) => [key, typeof value === 'string' ? value.replace(/[\r\n\u2028\u2029]+/g, ' ') : value]);
  return Object.fromEntries(entries) as CertificateView;
}
