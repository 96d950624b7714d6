import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Quiz, type QuizQuestion } from './entities/quiz.entity';

@Injectable()
export class QuizRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByCourse(courseId: string, manager?: EntityManager): Promise<Quiz | null> {
    return (manager ?? this.dataSource.manager).getRepository(Quiz).findOneBy({ courseId });
  }

  /** One quiz per course: PUT replaces it in place (attempts keep pointing at the enrolment). */
  async upsert(
    manager: EntityManager,
    courseId: string,
    quiz: { passMark: number; maxAttempts: number; questions: QuizQuestion[] },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO quizzes (course_id, pass_mark, max_attempts, questions) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT uq_quizzes_course
       DO UPDATE SET pass_mark = EXCLUDED.pass_mark, max_attempts = EXCLUDED.max_attempts,
                     questions = EXCLUDED.questions, updated_at = now()`,
      [courseId, quiz.passMark, quiz.maxAttempts, JSON.stringify(quiz.questions)],
    );
  }
}
