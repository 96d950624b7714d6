import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { AccessService } from '@schakel/access';
import { UnitOfWork, type Transaction } from '@schakel/jobs';
import { CatalogueCache, type CataloguePage } from './catalogue-cache';
import { CatalogueError } from './catalogue.exception';
import { assertEditable, assertReadable } from './course-access';
import { CourseFilter, CourseRepository } from './course.repository';
import { toCourseDetail, type CourseDetailResponse, type CreateCourseDto, type UpdateCourseDto } from './dto/course.dto';
import type { Course, CourseStatus } from './entities/course.entity';
import { QuizRepository } from './quiz.repository';

const TRANSITIONS: Record<CourseStatus, CourseStatus[]> = {
  draft: ['published', 'archived'],
  published: ['archived'],
  archived: ['published'],
};

/** A course's chain roles in a form that compares equal whatever their order. */
const roleSet = (course: Course): string => [...course.chainRoles].sort().join();

@Injectable()
export class CourseService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly courses: CourseRepository,
    private readonly quizzes: QuizRepository,
    private readonly access: AccessService,
    private readonly cache: CatalogueCache,
  ) {}

  /** The public page as ready JSON (see CourseRepository.pagePublishedJson), from the shared cache when it is current. */
  /** `url`: the request URL that asked (valid, since it got here), so the edge can answer it next time. */
  listJson(filter: CourseFilter, url?: string): Promise<CataloguePage> {
    const key = [filter.chainRole ?? '', filter.format ?? '', filter.limit, filter.offset].join('|');
    return this.cache.page(key, () => this.courses.pagePublishedJson(filter), url);
  }

  /** A course by id or slug, as this caller may see it. */
  async getReadable(user: AuthUser | undefined, idOrSlug: string): Promise<Course> {
    const course = await this.courses.findByIdOrSlug(idOrSlug);
    assertReadable(user, course);
    return course;
  }

  async getEditable(user: AuthUser, courseId: string): Promise<Course> {
    const course = await this.courses.findById(courseId);
    assertEditable(user, course);
    return course;
  }

  async detail(user: AuthUser | undefined, idOrSlug: string): Promise<CourseDetailResponse> {
    const course = await this.getReadable(user, idOrSlug);
    const [prerequisites, lessonCount, quiz] = await Promise.all([
      this.courses.prerequisitesOf(course.id),
      this.courses.countLessons(course.id),
      this.quizzes.findByCourse(course.id),
    ]);
    return toCourseDetail(course, prerequisites, lessonCount, quiz, this.access.isCourseAuthor(user, course));
  }

  /** The courses the caller created (a platform admin is an author of all, but this lists her own). */
  authoredBy(user: AuthUser): Promise<Course[]> {
    return this.courses.authoredBy(user.id);
  }

  /** Live and blended courses the caller can plan a session for (published, or her own drafts). */
  liveCoursesFor(user: AuthUser): Promise<Course[]> {
    return this.courses.liveCourses(user.id, user.isPlatformAdmin);
  }

  async create(user: AuthUser, dto: CreateCourseDto): Promise<CourseDetailResponse> {
    // A trainer role given by an organisation is not enough: the catalogue is platform-wide.
    if (!(await this.access.isPlatformTrainer(user))) throw CatalogueError.notATrainer();
    const { prerequisiteIds = [], ...fields } = dto;
    const id = await this.withSlugCheck(({ manager }) => this.createIn(manager, user, fields, prerequisiteIds));
    await this.cache.invalidate();
    return this.detail(user, id);
  }

  async update(user: AuthUser, courseId: string, dto: UpdateCourseDto): Promise<CourseDetailResponse> {
    await this.getEditable(user, courseId);
    await this.withSlugCheck(async ({ manager, publish }) => {
      // The graph lock before any row lock: always the same order, so no deadlock between edits.
      if (dto.prerequisiteIds) await this.courses.lockPrerequisiteGraph(manager);
      const course = await this.courses.lockForUpdate(manager, courseId);
      assertEditable(user, course);
      const before = { published: course.status === 'published', chainRoles: roleSet(course) };
      const { prerequisiteIds, status, ...fields } = dto;
      if (fields.renewsCourseId) await this.requireRenewable(manager, user, fields.renewsCourseId);
      Object.assign(course, fields);
      if (status && status !== course.status) await this.changeStatus(manager, course, status);
      await this.courses.save(manager, course);
      if (prerequisiteIds) await this.setPrerequisites(manager, course.id, prerequisiteIds);
      // The chain report counts enrolments and certificates of published courses, per chain role.
      const published = course.status === 'published';
      if (before.published !== published || (published && before.chainRoles !== roleSet(course))) {
        await publish('course.changed', { courseId: course.id });
      }
      return course.id;
    });
    await this.cache.invalidate();
    return this.detail(user, courseId);
  }

  private async createIn(
    manager: EntityManager,
    user: AuthUser,
    fields: Omit<CreateCourseDto, 'prerequisiteIds'>,
    prerequisiteIds: string[],
  ): Promise<string> {
    if (fields.renewsCourseId) await this.requireRenewable(manager, user, fields.renewsCourseId);
    const status = fields.status ?? 'draft';
    const course = await this.courses.create(manager, { ...fields, status: 'draft', createdById: user.id });
    await this.setPrerequisites(manager, course.id, prerequisiteIds);
    if (status !== 'draft') {
      await this.changeStatus(manager, course, status);
      await this.courses.save(manager, course);
    }
    return course.id;
  }

  private async changeStatus(manager: EntityManager, course: Course, status: CourseStatus): Promise<void> {
    if (!TRANSITIONS[course.status].includes(status)) throw CatalogueError.statusTransition(course.status, status);
    if (status === 'published' && course.format === 'online' && (await this.courses.countLessons(course.id, manager)) === 0) {
      throw CatalogueError.onlineWithoutLessons();
    }
    course.status = status;
  }

  private async setPrerequisites(manager: EntityManager, courseId: string, ids: string[]): Promise<void> {
    await this.requireCourses(manager, ids, false);
    if (!(await this.courses.replacePrerequisites(manager, courseId, ids))) throw CatalogueError.prerequisiteCycle();
  }

  /**
   * A refresher extends the certificates of the course it renews, so only that course's
   * authors may name it: otherwise anyone could write a trivial course that renews a hard one.
   */
  private async requireRenewable(manager: EntityManager, user: AuthUser, courseId: string): Promise<void> {
    const renewed = await this.courses.authorScope(manager, courseId);
    if (!renewed) throw CatalogueError.unknownRenewedCourse();
    if (!this.access.isCourseAuthor(user, renewed)) throw CatalogueError.notAuthorOfRenewed();
  }

  private async requireCourses(manager: EntityManager, ids: string[], renews: boolean): Promise<void> {
    const unknown = await this.courses.unknownIds(manager, ids);
    if (unknown.length === 0) return;
    throw renews ? CatalogueError.unknownRenewedCourse() : CatalogueError.unknownPrerequisites(unknown);
  }

  private async withSlugCheck<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    try {
      return await this.work.run(work);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_courses_slug')) throw CatalogueError.slugTaken();
      throw error;
    }
  }
}
