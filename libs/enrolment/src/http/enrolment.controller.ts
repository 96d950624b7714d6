import { Body, Controller, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { BulkEnrolmentQueryDto, type BulkResult } from '../dto/bulk-enrolment.dto';
import { CreateEnrolmentDto, EnrolmentResponse, toEnrolmentResponse } from '../dto/enrolment.dto';
import { BulkEnrolmentService } from '../enrol/bulk-enrolment.service';
import { EnrolmentService } from '../enrol/enrolment.service';

@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('api/enrolments')
export class EnrolmentController {
  constructor(
    private readonly enrolments: EnrolmentService,
    private readonly bulk: BulkEnrolmentService,
  ) {}

  @Post()
  @Authenticated()
  @ApiCreatedResponse({ type: EnrolmentResponse, description: '200 when the same enrolment already existed' })
  async enrol(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateEnrolmentDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EnrolmentResponse> {
    const { enrolment, created } = await this.enrolments.enrol(user, dto);
    if (!created) response.status(HttpStatus.OK);
    return toEnrolmentResponse(enrolment);
  }

  @Post('bulk')
  @HttpCode(200)
  @Authenticated()
  @ApiConsumes('text/csv')
  @ApiQuery({ name: 'organisationId', required: false, description: 'needed when you manage several organisations' })
  @ApiOkResponse({ description: 'per-row results: { organisationId, total, enrolled, failed, rows: [{ row, email, outcome, enrolmentId?, status?, waitlistPosition?, error? }] }' })
  enrolMany(@CurrentUser() user: AuthUser, @Body() csv: unknown, @Query() query: BulkEnrolmentQueryDto): Promise<BulkResult> {
    return this.bulk.enrol(user, csv, query.organisationId);
  }
}
