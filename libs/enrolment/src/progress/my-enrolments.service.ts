import { Injectable } from '@nestjs/common';
import { toLearnerQuiz } from '@schakel/catalogue';
import type { Page } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { AccessService } from '@schakel/access';
import type { EnrolmentDetailResponse, EnrolmentQuizResponse, MyEnrolmentResponse, MyEnrolmentsQueryDto } from '../dto/progress.dto';
import { EnrolmentError } from '../enrolment.exception';
import { MyEnrolmentsRepository } from './my-enrolments.repository';
import { ProgressRepository } from './progress.repository';

/** Reading enrolments and their progress: the learner, her organisation's admins, platform admins. */
@Injectable()
export class MyEnrolmentsService {
  constructor(
    private readonly enrolments: MyEnrolmentsRepository,
    private readonly progress: ProgressRepository,
    private readonly access: AccessService,
  ) {}

  list(user: AuthUser, query: MyEnrolmentsQueryDto): Promise<Page<MyEnrolmentResponse>> {
    return this.enrolments.pageForUser(user.id, query);
  }

  async detail(user: AuthUser, enrolmentId: string): Promise<EnrolmentDetailResponse> {
    const enrolment = await this.readable(user, enrolmentId);
    const [completedLessonIds, attempts, quiz] = await Promise.all([
      this.progress.completedLessonIds(enrolment.id),
      this.progress.attempts(enrolment.id),
      this.progress.findQuiz(enrolment.courseId),
    ]);
    const maxAttempts = quiz?.maxAttempts ?? null;
    return {
      ...enrolment,
      completedLessonIds,
      attempts: attempts.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
      maxAttempts,
      attemptsLeft: maxAttempts === null ? null : Math.max(0, maxAttempts - attempts.length),
    };
  }

  /** The quiz as the learner takes it: questions and options, never the answers. */
  async quiz(user: AuthUser, enrolmentId: string): Promise<EnrolmentQuizResponse> {
    const enrolment = await this.readable(user, enrolmentId);
    const quiz = await this.progress.findQuiz(enrolment.courseId);
    if (!quiz) throw EnrolmentError.quizNotFound();
    const { attemptsUsed, quizPassed } = enrolment.progress;
    return {
      ...toLearnerQuiz(quiz),
      attemptsUsed,
      attemptsLeft: Math.max(0, quiz.maxAttempts - attemptsUsed),
      passed: quizPassed,
    };
  }

  /** The owner, an org admin of the organisation that enrolled her, or a platform admin; anyone else: 404. */
  private async readable(user: AuthUser, enrolmentId: string): Promise<MyEnrolmentResponse> {
    const enrolment = await this.enrolments.findWithProgress(enrolmentId);
    if (!enrolment) throw EnrolmentError.enrolmentNotFound();
    if (await this.access.mayActOnRecord(user, { personId: enrolment.userId, organisationId: enrolment.organisationId })) return enrolment;
    throw EnrolmentError.enrolmentNotFound();
  }
}
