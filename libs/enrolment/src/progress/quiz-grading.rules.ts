import type { FieldProblem } from '@schakel/common';

/** What grading needs of a question: how many options, and which are right. */
export interface GradableQuestion {
  options: readonly unknown[];
  correct: readonly number[];
}

export interface Grade {
  /** Questions answered exactly right. */
  correctCount: number;
  /** Percentage of questions answered exactly right, rounded down. */
  score: number;
  passed: boolean;
}

/** Answers that do not fit the quiz (wrong count, indexes that are not options), by field path. */
export function answerProblems(questions: readonly GradableQuestion[], answers: readonly (readonly unknown[])[]): FieldProblem[] {
  if (answers.length !== questions.length) {
    return [{ field: 'answers', problem: `must have one entry per question (${questions.length})` }];
  }
  return answers.flatMap((chosen, i) =>
    chosen.flatMap((index, j) =>
      Number.isInteger(index) && (index as number) >= 0 && (index as number) < questions[i].options.length
        ? []
        : [{ field: `answers[${i}][${j}]`, problem: `must be an option index (0..${questions[i].options.length - 1})` }],
    ),
  );
}

const sameSet = (chosen: readonly number[], correct: readonly number[]): boolean => {
  const picked = new Set(chosen);
  return picked.size === new Set(correct).size && correct.every((index) => picked.has(index));
};

/**
 * A question counts only when the set of chosen options equals the set of correct ones
 * (single and multiple choice alike; order and repeats do not matter). The score is
 * rounded down, so for a whole-number pass mark `score >= passMark` is exactly
 * "at least passMark percent right".
 */
export function gradeQuiz(questions: readonly GradableQuestion[], answers: readonly (readonly number[])[], passMark: number): Grade {
  const correctCount = questions.filter((q, i) => sameSet(answers[i] ?? [], q.correct)).length;
  const score = questions.length === 0 ? 0 : Math.floor((correctCount * 100) / questions.length);
  return { correctCount, score, passed: score >= passMark };
}
