import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import type { QuestionKind, Quiz, QuizQuestion } from '../entities/quiz.entity';

/** The most answers one question may have, and the most questions one quiz may have. */
export const MAX_QUIZ_OPTIONS = 10;
export const MAX_QUIZ_QUESTIONS = 100;

export class QuizQuestionDto {
  @ApiProperty({ example: 'Wat is een goede eerste vraag?' })
  @IsString() @MinLength(1) @MaxLength(2000)
  prompt: string;

  @ApiProperty({ type: [String], minItems: 2, maxItems: MAX_QUIZ_OPTIONS })
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(MAX_QUIZ_OPTIONS) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(1000, { each: true })
  options: string[];

  @ApiProperty({ type: [Number], description: 'indexes into options; one index: single choice, more: multiple choice' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_QUIZ_OPTIONS) @ArrayUnique() @IsInt({ each: true }) @Min(0, { each: true })
  correct: number[];
}

export class PutQuizDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: "default: the course's pass mark" })
  @ValidateIf((_object: object, value: unknown) => value !== undefined) @IsInt() @Min(0) @Max(100)
  passMark?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, nullable: true, description: '3 when left out' })
  @IsOptional() @IsInt() @Min(1) @Max(100)
  maxAttempts?: number | null;

  @ApiProperty({ type: [QuizQuestionDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_QUIZ_QUESTIONS) @ValidateNested({ each: true }) @Type(() => QuizQuestionDto)
  questions: QuizQuestionDto[];
}

/** What a learner sees of a question: never the correct answers. */
export class LearnerQuestionResponse {
  @ApiProperty() prompt: string;
  @ApiProperty({ enum: ['single', 'multiple'] }) kind: QuestionKind;
  @ApiProperty({ type: [String] }) options: string[];
}

export class LearnerQuizResponse {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() passMark: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({ type: [LearnerQuestionResponse] }) questions: LearnerQuestionResponse[];
}

export class AuthorQuestionResponse extends LearnerQuestionResponse {
  @ApiProperty({ type: [Number] }) correct: number[];
}

/** The authors' view, with the answers. */
export class AuthorQuizResponse {
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() passMark: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({ type: [AuthorQuestionResponse] }) questions: AuthorQuestionResponse[];
  @ApiProperty() updatedAt: string;
}

/** Built field by field, so nothing stored with a question (the answers) can slip through. */
const toLearnerQuestion = (q: QuizQuestion): LearnerQuestionResponse => ({
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
