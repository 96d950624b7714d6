import { Body, Controller, Get, Header, Headers, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UuidParam } from '@schakel/common';
import { Authenticated, CurrentUser, Public, type AuthUser } from '@schakel/identity';
import { CourseService } from '../course.service';
import { CourseDetailResponse, CoursePageResponse, CourseQueryDto, CreateCourseDto, UpdateCourseDto } from '../dto/course.dto';

/** What every catalogue page answer carries, whether Nest or the edge (CatalogueEdge) serves it. */
export const CATALOGUE_PAGE_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'public, max-age=30, must-revalidate',
} as const;

/** True when `ifNoneMatch` (the request header) names `etag`. */
export const matchesEtag = (ifNoneMatch: string | undefined, etag: string): boolean =>
  Boolean(ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag));

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api/courses')
export class CourseController {
  constructor(private readonly courses: CourseService) {}

  @Get()
  @Public()
  @Header('Content-Type', CATALOGUE_PAGE_HEADERS['Content-Type'])
  @Header('Cache-Control', CATALOGUE_PAGE_HEADERS['Cache-Control'])
  @ApiOkResponse({ type: CoursePageResponse, description: 'published courses, by title; ETag, and 304 for If-None-Match' })
  async list(
    @Query() query: CourseQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string | undefined> {
    // Already JSON, built by PostgreSQL and kept in the shared cache: the hottest public route.
    // A signed-out request's URL is remembered with the page, so the edge answers it next time.
    const page = await this.courses.listJson(query, request.headers.authorization ? undefined : request.originalUrl);
    response.setHeader('ETag', page.etag);
    if (matchesEtag(ifNoneMatch, page.etag)) {
      response.status(304);
      return undefined;
    }
    return page.body;
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
