import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { CompletionService } from '../completion/completion.service';
import type { LessonCompletedResponse, QuizAttemptResultResponse } from '../dto/progress.dto';
import { EnrolmentError } from '../enrolment.exception';
import { EnrolmentRepository } from '../enrolment.repository';
import type { Enrolment } from '../entities/enrolment.entity';
import { ProgressRepository } from './progress.repository';
import { answerProblems, gradeQuiz } from './quiz-grading.rules';

/**
 * The learner's steps through an online module. Each step locks the enrolment row,
 * records itself, and applies the completion rule in the same transaction, so two last
 * steps arriving together complete the course exactly once.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly enrolments: EnrolmentRepository,
    private readonly progress: ProgressRepository,
    private readonly completion: CompletionService,
  ) {}

  async completeLesson(user: AuthUser, enrolmentId: string, lessonId: string): Promise<LessonCompletedResponse> {
    const { result, status } = await this.step(user, enrolmentId, async (manager, enrolment) => {
      if (!(await this.progress.lessonBelongsTo(manager, lessonId, enrolment.courseId))) throw EnrolmentError.lessonNotFound();
      const completedAt = await this.progress.recordLesson(manager, enrolment.id, lessonId);
      return { lessonId, completedAt: completedAt.toISOString() };
    });
    return { ...result, enrolmentStatus: status };
  }

  async submitQuiz(user: AuthUser, enrolmentId: string, answers: number[][]): Promise<QuizAttemptResultResponse> {
    const { result, status } = await this.step(user, enrolmentId, async (manager, enrolment) => {
      const quiz = await this.progress.findQuiz(enrolment.courseId, manager);
      if (!quiz || quiz.questions.length === 0) throw EnrolmentError.quizNotFound();
      const problems = answerProblems(quiz.questions, answers);
      if (problems.length > 0) throw EnrolmentError.invalidAnswers(problems);
      // The enrolment row is locked: parallel submissions count one after the other.
      const used = await this.progress.countAttempts(manager, enrolment.id);
      if (used >= quiz.maxAttempts) throw EnrolmentError.attemptsExhausted(quiz.maxAttempts);
      const grade = gradeQuiz(quiz.questions, answers, quiz.passMark);
      const attemptNumber = used + 1;
      await this.progress.insertAttempt(manager, { enrolmentId: enrolment.id, attemptNumber, answers, score: grade.score, passed: grade.passed });
      // How many are right, never which: per-question feedback would hand out the answer key.
      return {
        score: grade.score,
        passed: grade.passed,
        correctCount: grade.correctCount,
        questionCount: quiz.questions.length,
        attemptNumber,
        attemptsLeft: quiz.maxAttempts - attemptNumber,
      };
    });
    return { ...result, enrolmentStatus: status };
  }

  /** Lock, check owner and state, record, apply the completion rule; nudge the relay after commit. */
  private async step<T>(
    user: AuthUser,
    enrolmentId: string,
    record: (manager: EntityManager, enrolment: Enrolment) => Promise<T>,
  ): Promise<{ result: T; status: Enrolment['status'] }> {
    const outcome = await this.work.run(async (tx) => {
      const { manager } = tx;
      const enrolment = await this.enrolments.lockEnrolment(manager, enrolmentId);
      // Only the learner records her own progress; for anyone else the enrolment does not exist.
      if (!enrolment || enrolment.userId !== user.id) throw EnrolmentError.enrolmentNotFound();
      if (!['active', 'confirmed', 'completed'].includes(enrolment.status)) throw EnrolmentError.notInProgress(enrolment.status);
      const result = await record(manager, enrolment);
      await this.progress.touch(manager, enrolment.id);
      await this.completion.completeIfDone(tx, enrolment.id);
      return { result, status: await this.progress.status(manager, enrolment.id) };
    });
    return { result: outcome.result, status: outcome.status };
  }
}
