import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { ImportService, type DryRun, type ImportStatus } from '../import/import.service';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'true: only say what would happen, per row' })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  dryRun?: boolean;
}

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/organisations/:orgId/imports')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  /** CSV `email,name,chainRoles,courseId,sessionId` (chain roles separated by `;`), up to 10,000 rows and 5 MB. */
  @Post()
  @Authenticated()
  @ApiConsumes('text/csv')
  async upload(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @Query() query: ImportQueryDto,
    @Body() csv: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DryRun | { id: string; state: 'queued' }> {
    if (query.dryRun) {
      response.status(200);
      return this.imports.dryRun(user, orgId, csv);
    }
    response.status(202);
    return this.imports.start(user, orgId, csv);
  }

  @Get(':importId')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ description: '{ id, state, total, done, percent, counts }' })
  status(@CurrentUser() user: AuthUser, @UuidParam('orgId') orgId: string, @UuidParam('importId') importId: string): Promise<ImportStatus> {
    return this.imports.status(user, orgId, importId);
  }

  @Get(':importId/result.csv')
  @Authenticated()
  @ApiProduces('text/csv')
  async result(
    @CurrentUser() user: AuthUser,
    @UuidParam('orgId') orgId: string,
    @UuidParam('importId') importId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const csv = await this.imports.resultCsv(user, orgId, importId);
    response.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="import-resultaat.csv"' });
    return csv;
  }
}
