import { answerProblems, gradeQuiz, type GradableQuestion } from './quiz-grading.rules';

const single = (correct: number): GradableQuestion => ({ options: ['a', 'b', 'c', 'd'], correct: [correct] });
const multiple = (...correct: number[]): GradableQuestion => ({ options: ['a', 'b', 'c', 'd'], correct });

describe('gradeQuiz', () => {
  it('counts a single-choice question only for the one right option', () => {
    const quiz = [single(2)];
    expect(gradeQuiz(quiz, [[2]], 100)).toEqual({ correctCount: 1, score: 100, passed: true });
    expect(gradeQuiz(quiz, [[1]], 100).correctCount).toBe(0);
    expect(gradeQuiz(quiz, [[2, 1]], 100).correctCount).toBe(0);
    expect(gradeQuiz(quiz, [[]], 100).correctCount).toBe(0);
  });

  it('counts a multiple-choice question only for exactly the right set, in any order', () => {
    const quiz = [multiple(0, 3)];
    expect(gradeQuiz(quiz, [[3, 0]], 100).passed).toBe(true);
    expect(gradeQuiz(quiz, [[0, 3, 3]], 100).passed).toBe(true);
    expect(gradeQuiz(quiz, [[0]], 100).passed).toBe(false);
    expect(gradeQuiz(quiz, [[0, 1, 3]], 100).passed).toBe(false);
    expect(gradeQuiz(quiz, [[1, 2]], 100).passed).toBe(false);
  });

  it('scores the percentage of questions right, rounded down', () => {
    const quiz = [single(0), single(1), single(2)];
    expect(gradeQuiz(quiz, [[0], [1], [0]], 0).score).toBe(66);
    expect(gradeQuiz(quiz, [[0], [0], [0]], 0).score).toBe(33);
    expect(gradeQuiz(quiz, [[0], [1], [2]], 0).score).toBe(100);
  });

  it('passes exactly at the pass mark and not one question below it', () => {
    const quiz = [single(0), single(0), single(0), single(0), multiple(1, 2), multiple(1, 2)];
    const answers = (right: number) => quiz.map((q, i) => (i < right ? [...q.correct] : [3]));
    expect(gradeQuiz(quiz, answers(3), 50)).toEqual({ correctCount: 3, score: 50, passed: true });
    expect(gradeQuiz(quiz, answers(2), 50)).toEqual({ correctCount: 2, score: 33, passed: false });
    // 2 of 3 is 66.67 %: passes 66, fails 67
    const three = [single(0), single(0), single(0)];
    expect(gradeQuiz(three, [[0], [0], [1]], 66).passed).toBe(true);
    expect(gradeQuiz(three, [[0], [0], [1]], 67).passed).toBe(false);
  });
});

describe('answerProblems', () => {
  const quiz = [single(0), multiple(1, 2)];

  it('accepts one list of option indexes per question', () => {
    expect(answerProblems(quiz, [[0], [1, 2]])).toEqual([]);
    expect(answerProblems(quiz, [[], []])).toEqual([]);
  });

  it('names a missing or extra answer list', () => {
    expect(answerProblems(quiz, [[0]])).toEqual([{ field: 'answers', problem: 'must have one entry per question (2)' }]);
  });

  it('names each index that is not an option, by its path', () => {
    expect(answerProblems(quiz, [[4], [1, -1, 1.5]]).map((p) => p.field)).toEqual(['answers[0][0]', 'answers[1][1]', 'answers[1][2]']);
  });
});
