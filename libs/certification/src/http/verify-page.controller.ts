import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException, formatDate, RateLimit, type Locale } from '@schakel/common';
import { Public } from '@schakel/identity';
import { PageRenderer } from '@schakel/web';
import type { VerificationResponse } from '../dto/verification.dto';
import { VerificationService } from '../verification.service';

/** Dutch, as the page has always been; the catalogues hold English too, for a language switch later. */
const LANG: Locale = 'nl';

/** Keys of `verify` in the page catalogues that the page's <title> needs. */
/** The page the QR code opens: server-rendered HTML, not under /api. */
@ApiTags('verification')
@Controller('verify')
export class VerifyPageController {
  constructor(
    private readonly verification: VerificationService,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':code')
  @Public()
  @RateLimit('verify')
  @ApiProduces('text/html')
  async show(@Param('code') code: string, @Res() response: Response): Promise<void> {
    let result: VerificationResponse | null = null;
    try {
      result = await this.verification.verify(code);
    } catch (error) {
      if (!(error instanceof DomainException && error.status === 404)) throw error;
    }
    response
      .status(result ? 200 : 404)
      .set({
        // The layout's one inline <style> is all the page loads: no scripts, images or forms.
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        'Cache-Control': 'no-store',
      })
      .send(this.render(code, result));
  }

  private render(code: string, result: VerificationResponse | null): string {
    if (!result) return this.pages.render('verify', { lang: LANG, title: this.pages.word(LANG, 'verify.unknownTitle'), noindex: true, found: false, code: code.slice(0, 60) });
    const date = (iso: string) => formatDate(new Date(iso), LANG);
    return this.pages.render('verify', {
      lang: LANG,
      title: this.pages.word(LANG, `verify.status.${result.status}`),
      noindex: true,
      found: true,
      status: result.status,
      holderName: result.holderName,
      courseTitle: result.courseTitle,
      issuer: result.issuer,
      issuedAt: date(result.issuedAt),
      // A renewal's validity starts after its issue: then the page says from when.
      validFrom: result.validFrom > result.issuedAt ? date(result.validFrom) : null,
      validUntil: result.expiresAt ? date(result.expiresAt) : null,
      revokedReason: result.revokedReason,
      code,
      pdfSha256: result.pdfSha256,
    });
  }
}
