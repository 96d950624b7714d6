import { DomainException } from '@schakel/common';
import type { Enrolment } from '../entities/enrolment.entity';
import { answerToOpenEnrolment } from './same-request.rules';

const open = (sessionId: string | null, status: Enrolment['status'] = sessionId ? 'confirmed' : 'active') => ({ id: 'e1', sessionId, status }) as Enrolment;

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainException) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('no refusal');
}

describe('answerToOpenEnrolment', () => {
  it('gives the existing enrolment back for the same request again', () => {
    for (const format of ['online', 'live', 'blended'] as const) {
      expect(answerToOpenEnrolment(open('s1'), 's1', format)).toEqual({ kind: 'same', result: { enrolment: open('s1'), created: false } });
      expect(answerToOpenEnrolment(open(null), null, format)).toEqual({ kind: 'same', result: { enrolment: open(null), created: false } });
    }
  });

  it('moves the online part of a blended course into the session the learner picks', () => {
    expect(answerToOpenEnrolment(open(null), 's1', 'blended')).toEqual({ kind: 'move-into-session', enrolment: open(null) });
  });

  it('refuses another session of the same course', () => {
    for (const format of ['live', 'blended'] as const) {
      expect(refusal(() => answerToOpenEnrolment(open('s1'), 's2', format))).toEqual({
        code: 'enrolment.already-enrolled',
        message: 'This person is already enrolled in another session of this course',
      });
    }
  });

  it('refuses the online part while in a session, and a session while in the online part of a course that is not blended', () => {
    for (const [existing, asked, format] of [['s1', null, 'blended'], [null, 's1', 'live'], [null, 's1', 'online']] as const) {
      expect(refusal(() => answerToOpenEnrolment(open(existing), asked, format))).toEqual({
        code: 'enrolment.already-enrolled',
        message: 'This person is already enrolled in this course',
      });
    }
  });
});
