import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { UuidParam, type Page } from '@schakel/common';
import { Authenticated, CurrentUser, Public, type AuthUser } from '@schakel/identity';
import { CourseService } from './course.service';
import { CourseQueryDto, CreateCourseDto, UpdateCourseDto } from './dto/course.dto';
import { CourseDetailResponse, CourseSummaryResponse } from './dto/course.response';

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api/courses')
export class CourseController {
  constructor(private readonly courses: CourseService) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'published courses, by title: { items: CourseSummaryResponse[], total }' })
  list(@Query() query: CourseQueryDto): Promise<Page<CourseSummaryResponse>> {
    return this.courses.list(query);
  }

  @Get(':courseId')
  @Public()
  @ApiParam({ name: 'courseId', description: 'the course id or its slug' })
  @ApiOkResponse({ type: CourseDetailResponse })
  get(@CurrentUser() user: AuthUser | undefined, @Param('courseId') idOrSlug: string): Promise<CourseDetailResponse> {
    return this.courses.detail(user, idOrSlug);
  }

  @Post()
  @Authenticated()
  @ApiCreatedResponse({ type: CourseDetailResponse, description: 'platform admins and trainers; the creator becomes the author' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCourseDto): Promise<CourseDetailResponse> {
    return this.courses.create(user, dto);
  }

  @Patch(':courseId')
  @Authenticated()
  @ApiOkResponse({ type: CourseDetailResponse, description: 'authors and platform admins' })
  update(@CurrentUser() user: AuthUser, @UuidParam('courseId') courseId: string, @Body() dto: UpdateCourseDto): Promise<CourseDetailResponse> {
    return this.courses.update(user, courseId, dto);
  }
}
