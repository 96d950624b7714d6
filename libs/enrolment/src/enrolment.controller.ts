import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { CreateEnrolmentDto } from './dto/create-enrolment.dto';
import { EnrolmentResponse, toEnrolmentResponse } from './dto/enrolment.response';
import { EnrolmentService } from './enrolment.service';

@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('api/enrolments')
export class EnrolmentController {
  constructor(private readonly enrolments: EnrolmentService) {}

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
}
