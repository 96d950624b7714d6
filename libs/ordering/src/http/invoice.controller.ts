import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, PlatformAdminOnly, type AuthUser } from '@schakel/identity';
import { InvoiceResponse } from '../dto/invoice.dto';
import { InvoiceService } from '../invoices/invoice.service';

@ApiTags('ordering')
@ApiBearerAuth()
@Controller('api/invoices/:invoiceId')
export class InvoiceController {
  constructor(private readonly invoices: InvoiceService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: InvoiceResponse })
  get(@CurrentUser() user: AuthUser, @UuidParam('invoiceId') invoiceId: string): Promise<InvoiceResponse> {
    return this.invoices.get(user, invoiceId);
  }

  @Get('pdf')
  @Authenticated()
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() user: AuthUser, @UuidParam('invoiceId') invoiceId: string, @Res() response: Response): Promise<void> {
    const { number, pdf } = await this.invoices.pdf(user, invoiceId);
    response.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="factuur-${number}.pdf"` }).send(pdf);
  }

  @Post('paid')
  @PlatformAdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: InvoiceResponse })
  paid(@CurrentUser() user: AuthUser, @UuidParam('invoiceId') invoiceId: string): Promise<InvoiceResponse> {
    return this.invoices.markPaid(user, invoiceId);
  }
}
