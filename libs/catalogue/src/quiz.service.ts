import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FieldProblem } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { CatalogueError } from './catalogue.exception';
import { assertEditable, isAuthor } from './course-access';
import { CourseRepository } from './course.repository';
import { CourseService } from './course.service';
import { toAuthorQuiz, toLearnerQuiz, type AuthorQuizResponse, type LearnerQuizResponse, type PutQuizDto, type QuizQuestionDto } from './dto/quiz.dto';
import { DEFAULT_QUIZ_MAX_ATTEMPTS, type QuizQuestion } from './entities/quiz.entity';
import { QuizRepository } from './quiz.repository';

/** Problems with answer indexes that point past a question's options, by field path. */
function answerKeyProblems(questions: QuizQuestionDto[]): FieldProblem[] {
  return questions.flatMap((q, i) =>
    q.correct.flatMap((index, j) =>
      index < q.options.length
        ? []
        : [{ field: `questions[${i}].correct[${j}]`, problem: `must be an index into options (0..${q.options.length - 1})` }],
    ),
  );
}

const toStoredQuestion = (q: QuizQuestionDto): QuizQuestion => ({
  prompt: q.prompt,
  kind: q.correct.length === 1 ? 'single' : 'multiple',
  options: q.options,
  correct: [...q.correct].sort((a, b) => a - b),
});

@Injectable()
export class QuizService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly courses: CourseService,
    private readonly courseRows: CourseRepository,
    private readonly quizzes: QuizRepository,
  ) {}

  /** Authors see the answers; everyone else who may read the course sees the questions only. */
  async get(user: AuthUser, courseIdOrSlug: string): Promise<AuthorQuizResponse | LearnerQuizResponse> {
    const course = await this.courses.getReadable(user, courseIdOrSlug);
    const quiz = await this.quizzes.findByCourse(course.id);
    if (!quiz) throw CatalogueError.quizNotFound();
    return isAuthor(user, course) ? toAuthorQuiz(quiz) : toLearnerQuiz(quiz);
  }

  async put(user: AuthUser, courseId: string, dto: PutQuizDto): Promise<AuthorQuizResponse> {
    const course = await this.courses.getEditable(user, courseId);
    const problems = answerKeyProblems(dto.questions);
    if (problems.length > 0) throw CatalogueError.answerKeyOutOfRange(problems);
    const passMark = dto.passMark ?? course.passMark;
    if (passMark === null) throw CatalogueError.passMarkRequired();
    await this.dataSource.transaction(async (manager) => {
      assertEditable(user, await this.courseRows.lockForUpdate(manager, courseId));
      await this.quizzes.upsert(manager, courseId, {
        passMark,
        maxAttempts: dto.maxAttempts ?? DEFAULT_QUIZ_MAX_ATTEMPTS,
        questions: dto.questions.map(toStoredQuestion),
      });
    });
    const quiz = await this.quizzes.findByCourse(courseId);
    if (!quiz) throw CatalogueError.quizNotFound();
    return toAuthorQuiz(quiz);
  }
}
