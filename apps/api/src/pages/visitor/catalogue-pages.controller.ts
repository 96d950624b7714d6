import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { COURSE_FORMATS, CourseService, type CoursePageResponse, type CourseFormat } from '@schakel/catalogue';
import { CHAIN_ROLES, isUuid, type ChainRole } from '@schakel/common';
import { EnrolmentError, EnrolmentService } from '@schakel/enrolment';
import { CurrentUser, Public, type AuthUser } from '@schakel/identity';
import { formText, HtmlForm, HtmlPage, Page, PageContext, PageRenderer } from '@schakel/web';
import { CataloguePageEdge } from './catalogue-page-edge';
import { CoursePageQuery, type CoursePageData } from './course-page.query';
import { enrolRefusalOf } from '../enrol-refusals';

const PAGE_SIZE = 20;
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/**
 * The catalogue (a GET form of filters, so it works without script and its address can be
 * shared), the course page with its upcoming sessions, and enrolling from it through the same
 * EnrolmentService as POST /api/enrolments, its refusals said in words.
 */
@ApiExcludeController()
@Controller('courses')
export class CataloguePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly courses: CourseService,
    private readonly coursePage: CoursePageQuery,
    private readonly enrolments: EnrolmentService,
    private readonly edge: CataloguePageEdge,
  ) {}

  @Get()
  @Public()
  @HtmlPage()
  async list(
    @Page() page: PageContext,
    @Req() request: Request,
    @Query('role') role?: string,
    @Query('format') format?: string,
    @Query('page') pageNumber?: string,
  ): Promise<string> {
    const filter = { role: oneOf<ChainRole>(CHAIN_ROLES, role), format: oneOf<CourseFormat>(COURSE_FORMATS, format) };
    const current = Math.max(1, Math.min(500, Number.parseInt(pageNumber ?? '1', 10) || 1));
    const found = await this.courses.listJson({ chainRole: filter.role, format: filter.format, limit: PAGE_SIZE, offset: (current - 1) * PAGE_SIZE });
    const { items, total } = JSON.parse(found.body) as CoursePageResponse;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const query = (n: number) => new URLSearchParams({ ...(filter.role ? { role: filter.role } : {}), ...(filter.format ? { format: filter.format } : {}), page: String(n) }).toString();
    const html = this.pages.render(
      'courses',
      page.view(this.pages.word(page.lang, 'catalogue.title'), {
        courses: items,
        total,
        filtered: !!(filter.role || filter.format),
        roles: CHAIN_ROLES.map((value) => ({ value, selected: value === filter.role })),
        formats: COURSE_FORMATS.map((value) => ({ value, selected: value === filter.format })),
        pagination: pages > 1 ? { current, pages, previous: current > 1 ? query(current - 1) : null, next: current < pages ? query(current + 1) : null } : null,
      }),
    );
    // A signed-out visitor's page is the same for the next one with this address and language.
    await this.edge.remember(request, found.version, html);
    return html;
  }

  @Get(':slug')
  @Public()
  @HtmlPage()
  async course(@Page() page: PageContext, @CurrentUser() user: AuthUser | undefined, @Param('slug') slug: string): Promise<string> {
    return this.renderCourse(page, await this.coursePage.load(user, slug, page.lang));
  }

  /**
   * Public so that a visitor whose session ended is sent to sign in and back to the course
   * page (the filter's 401 answer to a POST cannot name a page to come back to).
   */
  @Post(':slug/enrol')
  @Public()
  @HtmlForm()
  async enrol(
    @Page() page: PageContext,
    @CurrentUser() user: AuthUser | undefined,
    @Param('slug') slug: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | void> {
    if (!user) return res.redirect(303, `/login?next=${encodeURIComponent(`/courses/${slug}`)}`);
    const course = await this.courses.getReadable(user, slug);
    const sessionId = formText(body, 'sessionId') || undefined;
    try {
      // A malformed id is no session of this course: the same refusal as a removed one.
      if (sessionId && !isUuid(sessionId)) throw EnrolmentError.sessionNotFound();
      const { enrolment, created, moved } = await this.enrolments.enrol(user, { courseId: course.id, sessionId });
      const data = await this.coursePage.load(user, slug, page.lang);
      const session = data.sessions.find((s) => s.id === enrolment.sessionId) ?? null;
      const title = this.pages.word(page.lang, `enrolResult.${enrolment.status === 'waitlisted' ? 'waitlisted' : enrolment.status === 'active' ? 'active' : 'confirmed'}Title`);
      return this.pages.render('course-enrolled', page.view(title, { course: data.course, enrolment, session, moved: !!moved, again: !created && !moved }));
    } catch (error) {
      const refusal = enrolRefusalOf(error);
      if (!refusal) throw error;
      const data = await this.coursePage.load(user, slug, page.lang);
      res.status(refusal.status);
      const titles = data.missing.map((p) => p.title).join(', ');
      return this.renderCourse(page, data, this.pages.word(page.lang, refusal.word, { titles }));
    }
  }

  private renderCourse(page: PageContext, data: CoursePageData, refusal?: string): string {
    // Its own context for the partial (no hash): copying the root view would start a session for a visitor.
    const crumbs = { items: [{ href: '/courses', label: this.pages.word(page.lang, 'catalogue.title') }, { label: data.course.title }] };
    return this.pages.render('course', page.view(data.course.title, { ...data, refusal, crumbs, next: encodeURIComponent(`/courses/${data.course.slug}`) }));
  }
}
