import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';
import type { VerificationResponse } from '../dto/certificate.dto';
import { CERTIFICATE_ZONE } from '../validity';
import { findTemplatesRoot } from './certificate-templates';

const STATUS_TEXT = {
  valid: 'Dit certificaat is geldig.',
  expired: 'Dit certificaat is verlopen.',
  revoked: 'Dit certificaat is ingetrokken.',
} as const;

const dutchDate = (iso: string) => DateTime.fromISO(iso).setZone(CERTIFICATE_ZONE).setLocale('nl').toFormat('d MMMM yyyy');

/** The human verification page (Dutch, server-rendered, no scripts). Compiled once per process. */
export class VerifyPage {
  private readonly template: HandlebarsTemplateDelegate;

  constructor(root = findTemplatesRoot()) {
    this.template = Handlebars.compile(readFileSync(join(root, 'certificates', 'verify-page.nl.hbs'), 'utf8'));
  }

  render(code: string, result: VerificationResponse | null): string {
    if (!result) return this.template({ found: false, title: 'Onbekende code', code: code.slice(0, 60) });
    const until = result.expiresAt ? dutchDate(result.expiresAt) : null;
    const from = dutchDate(result.validFrom);
    const validity = until ? (result.validFrom > result.issuedAt ? `van ${from} tot ${until}` : `tot ${until}`) : 'onbeperkt';
    return this.template({
      found: true,
      title: STATUS_TEXT[result.status],
      status: result.status,
      statusText: STATUS_TEXT[result.status],
      holderName: result.holderName,
      courseTitle: result.courseTitle,
      issuer: result.issuer,
      issuedAt: dutchDate(result.issuedAt),
      validity,
      revokedReason: result.revokedReason,
      code,
      pdfSha256: result.pdfSha256,
    });
  }
}
