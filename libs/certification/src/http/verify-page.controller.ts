import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException, formatDate, RateLimit } from '@schakel/common';
import { Public } from '@schakel/identity';
import { FormErrors, HtmlPage, Page, PageContext, PageRenderer } from '@schakel/web';
import type { VerificationResponse } from '../dto/verification.dto';
import { VerificationService } from '../verification.service';

/** The alert's colour for each status (valid is good news, expired a warning, revoked an error). */
const STATUS_TONE: Record<VerificationResponse['status'], 'ok' | 'warning' | 'error'> = { valid: 'ok', expired: 'warning', revoked: 'error' };

/**
 * The certificate check: `/verify` asks for a code (the form sends it back as `?code=`, which
 * goes on to `/verify/<code>`), `/verify/<code>` is the page the QR code opens. Not under /api.
 */
@ApiTags('verification')
@Controller('verify')
export class VerifyPageController {
  constructor(
    private readonly verification: VerificationService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Public()
  @HtmlPage()
  form(@Page() page: PageContext, @Query('code') code: string | undefined, @Res({ passthrough: true }) response: Response): string | void {
    const typed = (typeof code === 'string' ? code : '').trim().toUpperCase().replace(/\s+/g, '');
    if (typed) return response.redirect(303, `/verify/${encodeURIComponent(typed)}`);
    const errors = new FormErrors();
    if (code !== undefined) errors.add('code', this.pages.word(page.lang, 'verify.codeMissing'));
    return this.pages.render('verify-form', page.view(this.pages.word(page.lang, 'verify.formTitle'), errors.view()));
  }

  @Get(':code')
  @Public()
  @RateLimit('verify')
  @ApiProduces('text/html')
  async show(@Page() page: PageContext, @Param('code') code: string, @Res() response: Response): Promise<void> {
    let result: VerificationResponse | null = null;
    try {
      result = await this.verification.verify(code);
    } catch (error) {
      if (!(error instanceof DomainException && error.status === 404)) throw error;
    }
    response
      .status(result ? 200 : 404)
      .set({
        // Our own styles and script and the layout's two forms (language, sign out); nothing else.
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        'Cache-Control': 'no-store',
      })
      .send(this.render(page, code, result));
  }

  private render(page: PageContext, code: string, result: VerificationResponse | null): string {
    const lang = page.lang;
    if (!result) return this.pages.render('verify', page.view(this.pages.word(lang, 'verify.unknownTitle'), { noindex: true, found: false, code: code.slice(0, 60) }));
    const date = (iso: string) => formatDate(new Date(iso), lang);
    return this.pages.render('verify', page.view(this.pages.word(lang, `verify.status.${result.status}`), {
      noindex: true,
      found: true,
      status: result.status,
      tone: STATUS_TONE[result.status],
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
    }));
  }
}
