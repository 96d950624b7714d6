import { ApiProperty } from '@nestjs/swagger';
import type { QuestionKind, Quiz, QuizQuestion } from '../entities/quiz.entity';

/** What a learner sees of a question: never the correct answers. */
export class LearnerQuestionResponse {
  @ApiProperty() prompt: string;
  @ApiProperty({ enum: ['single', 'multiple'] }) kind: QuestionKind;
  @ApiProperty({ type: [String] }) options: string[];
}

export class LearnerQuizResponse {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() passMark: number;
  @ApiProperty({ nullable: true }) maxAttempts: number | null;
  @ApiProperty({ type: [LearnerQuestionResponse] }) questions: LearnerQuestionResponse[];
}

export class AuthorQuestionResponse extends LearnerQuestionResponse {
  @ApiProperty({ type: [Number] }) correct: number[];
}

/** The authors' view, with the answers. */
export class AuthorQuizResponse {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() passMark: number;
  @ApiProperty({ nullable: true }) maxAttempts: number | null;
  @ApiProperty({ type: [AuthorQuestionResponse] }) questions: AuthorQuestionResponse[];
  @ApiProperty() updatedAt: string;
}

/** Built field by field, so nothing stored with a question (the answers) can slip through. */
export const toLearnerQuestion = (q: QuizQuestion): LearnerQuestionResponse => ({
  prompt: q.prompt,
  kind: q.kind,
  options: [...q.options],
});

export const toLearnerQuiz = (quiz: Quiz): LearnerQuizResponse => ({
  courseId: quiz.courseId,
  passMark: quiz.passMark,
  maxAttempts: quiz.maxAttempts,
  questions: quiz.questions.map(toLearnerQuestion),
});

export const toAuthorQuiz = (quiz: Quiz): AuthorQuizResponse => ({
  courseId: quiz.courseId,
  passMark: quiz.passMark,
  maxAttempts: quiz.maxAttempts,
  questions: quiz.questions.map((q) => ({ ...toLearnerQuestion(q), correct: [...q.correct] })),
  updatedAt: quiz.updatedAt.toISOString(),
});
