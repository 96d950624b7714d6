import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainException, RateLimit } from '@schakel/common';
import { Public } from '@schakel/identity';
import { PdfCheckResponse, VerificationResponse } from './dto/certificate.dto';
import { VerifyPage } from './render/verify-page';
import { VerificationService } from './verification.service';

/** Anyone may check a certificate by its code, without an account; limited per IP address. */
@ApiTags('verification')
@Controller('api/verify')
export class VerifyController {
  constructor(private readonly verification: VerificationService) {}

  @Get(':code')
  @Public()
  @RateLimit('verify')
  @ApiOkResponse({ type: VerificationResponse })
  verify(@Param('code') code: string): Promise<VerificationResponse> {
    return this.verification.verify(code);
  }

  /** The body is the PDF itself (application/pdf, at most 5 MB; see CertificationModule). */
  @Post(':code/check')
  @Public()
  @RateLimit('verify')
  @HttpCode(200)
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: PdfCheckResponse })
  check(@Param('code') code: string, @Body() body: unknown): Promise<PdfCheckResponse> {
    return this.verification.checkPdf(code, body);
  }
}

/** The page the QR code opens: plain server-rendered Dutch HTML, not under /api. */
@ApiTags('verification')
@Controller('verify')
export class VerifyPageController {
  private readonly page = new VerifyPage();

  constructor(private readonly verification: VerificationService) {}

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
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        'Cache-Control': 'no-store',
      })
      .send(this.page.render(code, result));
  }
}
