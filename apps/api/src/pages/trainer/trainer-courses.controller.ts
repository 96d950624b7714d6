import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { COURSE_FORMATS, CourseService, CreateCourseDto, UpdateCourseDto } from '@schakel/catalogue';
import { CHAIN_ROLES } from '@schakel/common';
import { Authenticated, CurrentUser, type AuthUser } from '@schakel/identity';
import { FormErrors, formText, HtmlForm, HtmlPage, Page, PageContext, PageRenderer, validateForm } from '@schakel/web';
import { codeOf, formList, pathId } from './form-values';
import { isUuid } from '@schakel/common';
import { TrainerAccess } from './trainer-access';
import { TrainerCourseQuery } from './trainer-course.query';

/**
 * Authoring: the courses the trainer made, a new course, and one course's details, status
 * ("Publiceren", "Archiveren") and prerequisites, through the CourseService of /api/courses.
 * Lessons and the quiz: TrainerCourseContentController.
 */
@ApiExcludeController()
@Controller('trainer/courses')
export class TrainerCoursesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly trainers: TrainerAccess,
    private readonly courses: CourseService,
    private readonly query: TrainerCourseQuery,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  async list(@Page() page: PageContext, @CurrentUser() user: AuthUser): Promise<string> {
    await this.trainers.requireAuthor(user);
    return this.listPage(page, user, { title: '', slug: '', format: 'online', chainRoles: [] }, new FormErrors());
  }

  @Post()
  @Authenticated()
  @HtmlForm()
  async create(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    await this.trainers.requireAuthor(user);
    const values = { title: formText(body, 'title'), slug: formText(body, 'slug').toLowerCase(), format: formText(body, 'format'), chainRoles: formList(body, 'chainRoles') };
    const word = (key: string) => this.pages.word(page.lang, `trainer.courses.errors.${key}`);
    const { value, errors } = await validateForm(CreateCourseDto, values, { title: word('title'), slug: word('slug'), format: word('format'), chainRoles: word('roles') });
    if (values.chainRoles.length === 0) errors.add('chainRoles', word('roles'));
    if (!errors.any) {
      try {
        const course = await this.courses.create(user, value);
        page.flash('trainer.courses.created');
        return res.redirect(303, `/trainer/courses/${course.id}`);
      } catch (error) {
        if (codeOf(error) !== 'catalogue.slug-taken') throw error;
        errors.add('slug', word('slugTaken'));
      }
    }
    res.status(400);
    return this.listPage(page, user, values, errors);
  }

  @Get(':id')
  @Authenticated()
  @HtmlPage()
  async course(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string): Promise<string> {
    return this.coursePage(page, user, pathId(id));
  }

  @Post(':id/details')
  @Authenticated()
  @HtmlForm()
  async details(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const values = { title: formText(body, 'title'), summary: formText(body, 'summary') };
    const word = (key: string) => this.pages.word(page.lang, `trainer.course.errors.${key}`);
    const { value, errors } = await validateForm(UpdateCourseDto, values, { title: word('title'), summary: word('summary') });
    if (errors.any) {
      res.status(400);
      return this.coursePage(page, user, pathId(id), { details: values, ...errors.view() });
    }
    await this.courses.update(user, pathId(id), value);
    page.flash('trainer.course.detailsSaved');
    res.redirect(303, `/trainer/courses/${id}`);
  }

  /** "Publiceren" and "Archiveren": the catalogue's status rules (an online course needs a lesson first). */
  @Post(':id/status')
  @Authenticated()
  @HtmlForm()
  async status(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const status = formText(body, 'status') === 'archived' ? 'archived' : 'published';
    try {
      await this.courses.update(user, pathId(id), { status });
    } catch (error) {
      const code = codeOf(error);
      if (code !== 'catalogue.no-lessons' && code !== 'catalogue.status-transition') throw error;
      res.status(409);
      return this.coursePage(page, user, id, { problem: this.pages.word(page.lang, code === 'catalogue.no-lessons' ? 'trainer.course.needsLesson' : 'trainer.course.statusNotPossible') });
    }
    page.flash(status === 'published' ? 'trainer.course.published' : 'trainer.course.archived');
    res.redirect(303, `/trainer/courses/${id}`);
  }

  @Post(':id/prerequisites')
  @Authenticated()
  @HtmlForm()
  async prerequisites(@Page() page: PageContext, @CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<string | void> {
    const prerequisiteIds = [...new Set(formList(body, 'prerequisiteIds').filter(isUuid))];
    try {
      await this.courses.update(user, pathId(id), { prerequisiteIds });
    } catch (error) {
      if (codeOf(error) !== 'catalogue.prerequisite-cycle') throw error;
      res.status(422);
      return this.coursePage(page, user, id, { problem: this.pages.word(page.lang, 'trainer.course.prerequisiteCycle') });
    }
    page.flash('trainer.course.prerequisitesSaved');
    res.redirect(303, `/trainer/courses/${id}#prerequisites`);
  }

  private async listPage(page: PageContext, user: AuthUser, form: { title: string; slug: string; format: string; chainRoles: string[] }, errors: FormErrors): Promise<string> {
    const courses = await this.courses.authoredBy(user);
    return this.pages.render('trainer-courses', page.view(this.pages.word(page.lang, 'trainer.courses.title'), {
      courses: courses.map((c) => ({ id: c.id, title: c.title, status: c.status, format: c.format })),
      form,
      formats: COURSE_FORMATS.map((value) => ({ value, checked: value === form.format })),
      roles: CHAIN_ROLES.map((value) => ({ value, checked: form.chainRoles.includes(value) })),
      ...errors.view(),
    }));
  }

  private async coursePage(page: PageContext, user: AuthUser, id: string, extra: Record<string, unknown> = {}): Promise<string> {
    const data = await this.query.course(user, id);
    return this.pages.render('trainer-course', page.view(data.course.title, { ...data, details: { title: data.course.title, summary: data.course.summary }, ...extra }));
  }
}
