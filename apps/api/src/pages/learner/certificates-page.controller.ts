import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CertificateService, CertificationErrorCode, type CertificateResponse } from '@schakel/certification';
import { DomainException, formatDate, type Locale } from '@schakel/common';
import { Authenticated } from '@schakel/identity';
import { HtmlPage, Page, PageContext, PageRenderer } from '@schakel/web';
import { recordId, signedIn } from './signed-in';

const TONES = { valid: 'ok', expired: 'warning', revoked: 'error' } as const;

/** "Mijn certificaten": each certificate with its status and expiry, the PDF, and a share link to its verify page. */
@ApiExcludeController()
@Controller('me/certificates')
export class CertificatesPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly certificates: CertificateService,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  async list(@Page() page: PageContext): Promise<string> {
    const mine = await this.certificates.listMine(signedIn(page), 100, 0);
    return this.pages.render(
      'my-certificates',
      page.view(this.pages.word(page.lang, 'myCertificates.title'), { certificates: mine.items.map((c) => this.view(c, page.lang)) }),
    );
  }

  /** The PDF for the page session, under the JSON route's access rules (CertificateService.pdf); not made yet: back to the list, which says so. */
  @Get(':certificateId/pdf')
  @Authenticated()
  async pdf(@Page() page: PageContext, @Param('certificateId') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile | void> {
    try {
      const { pdf, fileName } = await this.certificates.pdf(signedIn(page), recordId(id));
      return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"`, length: pdf.length });
    } catch (error) {
      if (!(error instanceof DomainException && error.code === CertificationErrorCode.PdfNotReady)) throw error;
      res.redirect(303, '/me/certificates');
    }
  }

  private view(c: CertificateResponse, lang: Locale) {
    const word = (path: string, values?: Record<string, unknown>) => this.pages.word(lang, path, values);
    const date = (iso: string) => formatDate(new Date(iso), lang);
    const validity =
      c.status === 'revoked' && c.revokedAt ? word('myCertificates.revokedOn', { date: date(c.revokedAt) })
      : !c.expiresAt ? word('myCertificates.noExpiry')
      : c.status === 'expired' ? word('myCertificates.expiredOn', { date: date(c.expiresAt) })
      : word('myCertificates.validUntil', { date: date(c.expiresAt) });
    return {
      id: c.id,
      courseTitle: c.courseTitle,
      code: c.code,
      pending: c.state !== 'issued',
      statusText: word(`myCertificates.status.${c.status}`),
      tone: TONES[c.status],
      validity,
      revokedReason: c.status === 'revoked' && c.revokedReason ? word('myCertificates.revokedReason', { reason: c.revokedReason }) : null,
      downloadOf: word('myCertificates.downloadOf', { course: c.courseTitle }),
      verifyUrl: c.verifyUrl,
      verifyPath: new URL(c.verifyUrl).pathname,
    };
  }
}
