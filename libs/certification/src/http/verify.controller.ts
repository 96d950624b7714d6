import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RateLimit } from '@schakel/common';
import { Public } from '@schakel/identity';
import { PdfCheckResponse, VerificationResponse } from '../dto/verification.dto';
import { VerificationService } from '../verification.service';

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

  /** The body is the PDF itself (application/pdf, at most 5 MB; see CertificationHttpModule). */
  @Post(':code/check')
  @Public()
  // Limited by the API's edge before the upload is read (configureApi), not by a guard after it.
  @HttpCode(200)
  @ApiConsumes('application/pdf')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: PdfCheckResponse })
  check(@Param('code') code: string, @Body() body: unknown): Promise<PdfCheckResponse> {
    return this.verification.checkPdf(code, body);
  }
}
