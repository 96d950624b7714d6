import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork, type Transaction } from '@schakel/jobs';
import { CatalogueError } from './catalogue.exception';
import { assertEditable } from './course-access';
import { CourseRepository } from './course.repository';
import { CourseService } from './course.service';
import type { CreateLessonDto, UpdateLessonDto } from './dto/lesson.dto';
import type { Course } from './entities/course.entity';
import type { Lesson } from './entities/lesson.entity';
import { LessonRepository } from './lesson.repository';

@Injectable()
export class LessonService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly courses: CourseService,
    private readonly courseRows: CourseRepository,
    private readonly lessons: LessonRepository,
  ) {}

  async list(user: AuthUser, courseIdOrSlug: string): Promise<Lesson[]> {
    const course = await this.courses.getReadable(user, courseIdOrSlug);
    return this.lessons.listForCourse(course.id);
  }

  async get(user: AuthUser, courseId: string, lessonId: string): Promise<Lesson> {
    const course = await this.courses.getReadable(user, courseId);
    const lesson = await this.lessons.find(course.id, lessonId);
    if (!lesson) throw CatalogueError.lessonNotFound();
    return lesson;
  }

  async create(user: AuthUser, courseId: string, dto: CreateLessonDto): Promise<Lesson> {
    await this.courses.getEditable(user, courseId);
    return this.inCourse(user, courseId, async ({ manager }) => {
      const count = await this.courseRows.countLessons(courseId, manager);
      const position = Math.min(dto.position ?? count, count);
      return this.lessons.insertAt(manager, { courseId, title: dto.title, body: dto.body, videoUrl: dto.videoUrl ?? null, position });
    });
  }

  async update(user: AuthUser, courseId: string, lessonId: string, dto: UpdateLessonDto): Promise<Lesson> {
    await this.courses.getEditable(user, courseId);
    return this.inCourse(user, courseId, async ({ manager }) => {
      const lesson = await this.lessons.find(courseId, lessonId, manager);
      if (!lesson) throw CatalogueError.lessonNotFound();
      if (dto.position !== undefined) {
        const last = (await this.courseRows.countLessons(courseId, manager)) - 1;
        await this.lessons.move(manager, lesson, Math.min(dto.position, last));
      }
      if (dto.title !== undefined) lesson.title = dto.title;
      if (dto.body !== undefined) lesson.body = dto.body;
      if (dto.videoUrl !== undefined) lesson.videoUrl = dto.videoUrl;
      return this.lessons.save(manager, lesson);
    });
  }

  /**
   * Learners' progress on the lesson goes with it. A published online course keeps at least one
   * lesson (as it needed one to be published): otherwise every learner would be done at once.
   * Once learners may be taking the course, `lesson.removed` lets the enrolments see whether
   * one of them has now done every remaining step.
   */
  async remove(user: AuthUser, courseId: string, lessonId: string): Promise<void> {
    await this.courses.getEditable(user, courseId);
    await this.inCourse(user, courseId, async ({ manager, publish }, course) => {
      const lesson = await this.lessons.find(courseId, lessonId, manager);
      if (!lesson) throw CatalogueError.lessonNotFound();
      if (course.status === 'published' && course.format === 'online' && (await this.courseRows.countLessons(courseId, manager)) <= 1) {
        throw CatalogueError.lastLessonOfPublished();
      }
      await this.lessons.remove(manager, lesson);
      if (course.status !== 'draft') await publish('lesson.removed', { courseId, lessonId });
    });
  }

  /** Lesson edits of one course take turns on the course row, so positions stay 0..n-1. */
  private inCourse<T>(user: AuthUser, courseId: string, work: (tx: Transaction, course: Course) => Promise<T>): Promise<T> {
    return this.work.run(async (tx) => {
      const course = await this.courseRows.lockForUpdate(tx.manager, courseId);
      assertEditable(user, course);
      return work(tx, course);
    });
  }
}
