import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every quiz has an attempt limit: with unlimited attempts a learner can find the answer key
 * by trying (a four-question quiz with four options falls in a few dozen tries). A quiz
 * saved without a limit gets 3; the column can no longer say "unlimited".
 */
export class QuizAttemptLimit1795449100000 implements MigrationInterface {
  name = 'QuizAttemptLimit1795449100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE quizzes SET max_attempts = 3 WHERE max_attempts IS NULL`);
    await q.query(`ALTER TABLE quizzes ALTER COLUMN max_attempts SET DEFAULT 3, ALTER COLUMN max_attempts SET NOT NULL`);
    await q.query(`ALTER TABLE quizzes DROP CONSTRAINT "ck_quizzes_max_attempts"`);
    await q.query(`ALTER TABLE quizzes ADD CONSTRAINT "ck_quizzes_max_attempts" CHECK ("max_attempts" BETWEEN 1 AND 100)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quizzes DROP CONSTRAINT "ck_quizzes_max_attempts"`);
    await q.query(`ALTER TABLE quizzes ADD CONSTRAINT "ck_quizzes_max_attempts" CHECK ("max_attempts" IS NULL OR "max_attempts" > 0)`);
    await q.query(`ALTER TABLE quizzes ALTER COLUMN max_attempts DROP NOT NULL, ALTER COLUMN max_attempts DROP DEFAULT`);
  }
}
