import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, UuidParam, type Page } from '@schakel/common';
import { Authenticated, CurrentUser, PlatformAdminOnly, type AuthUser } from '@schakel/identity';
import { CertificateService } from '../certificate.service';
import { CertificateResponse, RevokeCertificateDto } from '../dto/certificate.dto';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api')
export class CertificateController {
  constructor(private readonly certificates: CertificateService) {}

  @Get('me/certificates')
  @Authenticated()
  async mine(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<CertificateResponse>> {
    return this.certificates.listMine(user, query.limit, query.offset);
  }

  @Get('certificates/:certificateId')
  @Authenticated()
  @ApiOkResponse({ type: CertificateResponse })
  get(@CurrentUser() user: AuthUser, @UuidParam('certificateId') id: string): Promise<CertificateResponse> {
    return this.certificates.get(user, id);
  }

  @Get('certificates/:certificateId/pdf')
  @Authenticated()
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() user: AuthUser, @UuidParam('certificateId') id: string): Promise<StreamableFile> {
    const { pdf, fileName } = await this.certificates.pdf(user, id);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${fileName}"`, length: pdf.length });
  }

  @Post('certificates/:certificateId/revoke')
  @PlatformAdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: CertificateResponse })
  revoke(@CurrentUser() user: AuthUser, @UuidParam('certificateId') id: string, @Body() dto: RevokeCertificateDto): Promise<CertificateResponse> {
    return this.certificates.revoke(user, id, dto.reason);
  }
}
