import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { MyEnrolmentResponse, MyEnrolmentsQueryDto } from '../dto/progress.dto';
import { MyEnrolmentsService } from '../progress/my-enrolments.service';

@ApiTags('enrolments')
@ApiBearerAuth()
@Controller('api/me/enrolments')
export class MyEnrolmentsController {
  constructor(private readonly enrolments: MyEnrolmentsService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ description: "the caller's enrolments, newest first, with progress: { items, total }" })
  list(@CurrentUser() user: AuthUser, @Query() query: MyEnrolmentsQueryDto): Promise<Page<MyEnrolmentResponse>> {
    return this.enrolments.list(user, query);
  }
}
