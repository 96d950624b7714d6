import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { ChainReportService } from '../chain-report.service';
import { ChainReportQueryDto, ChainReportResponse } from '../dto/chain-report.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations/:orgId/reports')
export class ChainReportController {
  constructor(private readonly reports: ChainReportService) {}

  @Get('chain')
  @Authenticated()
  @ApiOkResponse({ type: ChainReportResponse })
  @ApiProduces('application/json', 'text/csv', 'image/svg+xml')
  async chain(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @Query() query: ChainReportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ChainReportResponse | string> {
    if (query.format === 'svg') {
      const svg = await this.reports.svg(user, orgId);
      response.set({ 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Disposition': 'inline; filename="ketenrapport.svg"' });
      return svg;
    }
    if (query.format !== 'csv') return this.reports.report(user, orgId);
    const csv = await this.reports.csv(user, orgId);
    response.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="ketenrapport.csv"' });
    return csv;
  }
}
