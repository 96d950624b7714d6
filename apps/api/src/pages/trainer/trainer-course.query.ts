import { Injectable } from '@nestjs/common';
import { CourseService, LessonService, QuizService, type AuthorQuizResponse, type CoursePageResponse, type Course } from '@schakel/catalogue';
import { DomainException } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';

/** The authoring page of one course: its details, lessons in order, prerequisites to choose from and the quiz. */
export interface TrainerCourseData {
  course: { id: string; title: string; summary: string; status: string; format: string; slug: string };
  canPublish: boolean;
  canArchive: boolean;
  lessons: Array<{ id: string; n: number; title: string; videoUrl: string | null; first: boolean; last: boolean }>;
  candidates: Array<{ id: string; title: string; checked: boolean }>;
  quiz: { questionCount: number; passMark: number; maxAttempts: number } | null;
}

@Injectable()
export class TrainerCourseQuery {
  constructor(
    private readonly courses: CourseService,
    private readonly lessons: LessonService,
    private readonly quizzes: QuizService,
  ) {}

  /** Only its authors open it: another trainer gets 403 and anyone else 404 from the catalogue, both the "niet gevonden" page. */
  async course(user: AuthUser, courseId: string): Promise<TrainerCourseData> {
    const course = await this.courses.getEditable(user, courseId);
    const [detail, lessons, quiz, published, own] = await Promise.all([
      this.courses.detail(user, course.id),
      this.lessons.list(user, course.id),
      this.authorQuiz(user, course.id),
      this.courses.listJson({ limit: 100, offset: 0 }),
      this.courses.authoredBy(user),
    ]);
    const chosen = new Set(detail.prerequisiteIds);
    const others = new Map<string, string>();
    for (const c of (JSON.parse(published.body) as CoursePageResponse).items) others.set(c.id, c.title);
    for (const c of own) others.set(c.id, c.title);
    for (const p of detail.prerequisites) others.set(p.id, p.title);
    others.delete(course.id);
    return {
      course: pick(course),
      canPublish: course.status !== 'published',
      canArchive: course.status === 'published' || course.status === 'draft',
      lessons: lessons.map((l, i) => ({ id: l.id, n: i + 1, title: l.title, videoUrl: l.videoUrl, first: i === 0, last: i === lessons.length - 1 })),
      candidates: [...others].map(([id, title]) => ({ id, title, checked: chosen.has(id) })).sort((a, b) => a.title.localeCompare(b.title)),
      quiz: quiz ? { questionCount: quiz.questions.length, passMark: quiz.passMark, maxAttempts: quiz.maxAttempts } : null,
    };
  }

  /** The quiz with its answers (authors only), or null when the course has none yet. */
  async authorQuiz(user: AuthUser, courseId: string): Promise<AuthorQuizResponse | null> {
    try {
      const quiz = await this.quizzes.get(user, courseId);
      return 'updatedAt' in quiz ? quiz : null;
    } catch (error) {
      if (error instanceof DomainException && error.code === 'catalogue.quiz-not-found') return null;
      throw error;
    }
  }
}

const pick = (c: Course) => ({ id: c.id, title: c.title, summary: c.summary, status: c.status, format: c.format, slug: c.slug });
