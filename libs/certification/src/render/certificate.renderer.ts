import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { formatDate, type ChainRole, type Locale } from '@schakel/common';
import { formatCertificateCode } from '../certificate-code';
import { CHAIN_ROLE_LABELS } from './chain-role-labels';
import { CertificateTemplates, type CertificateView } from './certificate-templates';
import { layoutPdf, parseLayout } from './pdf-layout';

/** Everything printed on a certificate, as stored (the renderer formats it). */
export interface CertificateContent {
  code: string;
  locale: Locale;
  holderName: string;
  courseSlug: string;
  courseTitle: string;
  refresherTitle: string | null;
  chainRoles: ChainRole[];
  /** The completion, or for a live course each meeting's day. */
  dates: Date[];
  durationHours: number | null;
  /** A live session's trainer; online courses are signed by Schakel. */
  trainerName: string | null;
  validFrom: Date;
  expiresAt: Date | null;
  isRenewal: boolean;
  createdAt: Date;
}

export interface RenderedCertificate {
  pdf: Buffer;
  sha256: string;
}

export const ISSUER = 'Schakel';

/** Template + pdfkit + QR. Stateless apart from the template cache; safe to share. */
export class CertificateRenderer {
  constructor(
    private readonly publicBaseUrl: string,
    private readonly templates = new CertificateTemplates(),
  ) {}

  verifyUrl(code: string): string {
    return `${this.publicBaseUrl}/verify/${formatCertificateCode(code)}`;
  }

  async render(content: CertificateContent): Promise<RenderedCertificate> {
    const view = this.view(content);
    const layout = parseLayout(this.templates.render(content.courseSlug, content.locale, view));
    const qr = QRCode.create(view.verifyUrl, { errorCorrectionLevel: 'M' }).modules;
    const title = content.locale === 'en' ? `Certificate ${content.courseTitle}` : `Certificaat ${content.courseTitle}`;
    const pdf = await layoutPdf(layout, { title, createdAt: content.createdAt, qr });
    return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
  }

  view(content: CertificateContent): CertificateView {
    const date = (d: Date) => formatDate(d, content.locale);
    const days = [...new Set(content.dates.map(date))];
    const and = content.locale === 'en' ? ' and ' : ' en ';
    const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`);
    const hours = content.durationHours === null ? null : new Intl.NumberFormat(content.locale === 'en' ? 'en-GB' : 'nl-NL').format(content.durationHours);
    return {
      holderName: content.holderName,
      courseTitle: content.courseTitle,
      refresherTitle: content.refresherTitle,
      chainRoles: content.chainRoles.length ? list(content.chainRoles.map((r) => CHAIN_ROLE_LABELS[content.locale][r] ?? r)) : null,
      dates: list(days),
      hours,
      trainer: content.trainerName ?? ISSUER,
      validFrom: date(content.validFrom),
      validUntil: content.expiresAt ? date(content.expiresAt) : null,
      isRenewal: content.isRenewal,
      code: formatCertificateCode(content.code),
      verifyUrl: this.verifyUrl(content.code),
      issuer: ISSUER,
    };
  }
}
