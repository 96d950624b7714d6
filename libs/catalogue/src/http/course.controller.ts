import { Body, Controller, Get, Header, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, Public, type AuthUser } from '@schakel/identity';
import { CourseService } from '../course.service';
import { CourseDetailResponse, CoursePageResponse, CourseQueryDto, CreateCourseDto, UpdateCourseDto } from '../dto/course.dto';

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api/courses')
export class CourseController {
  constructor(private readonly courses: CourseService) {}

  @Get()
  @Public()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({ type: CoursePageResponse, description: 'published courses, by title' })
  list(@Query() query: CourseQueryDto): Promise<string> {
    // Already JSON, built by PostgreSQL: the catalogue is the hottest public route.
    return this.courses.listJson(query);
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
