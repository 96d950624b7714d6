import { DomainException } from '@schakel/common';
import type { Enrolment } from '../entities/enrolment.entity';
import { sameRequestOrConflict } from './same-request.rules';

const open = (sessionId: string | null) => ({ id: 'e1', sessionId }) as Enrolment;

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainException) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('no refusal');
}

describe('sameRequestOrConflict', () => {
  it('gives the existing enrolment back for the same request again', () => {
    expect(sameRequestOrConflict(open('s1'), 's1')).toEqual({ enrolment: open('s1'), created: false });
    expect(sameRequestOrConflict(open(null), null)).toEqual({ enrolment: open(null), created: false });
  });

  it('refuses another session of the same course', () => {
    expect(refusal(() => sameRequestOrConflict(open('s1'), 's2'))).toEqual({
      code: 'enrolment.already-enrolled',
      message: 'This person is already enrolled in another session of this course',
    });
  });

  it('refuses the online part while in a session, and a session while in the online part', () => {
    for (const [existing, asked] of [['s1', null], [null, 's1']] as const) {
      expect(refusal(() => sameRequestOrConflict(open(existing), asked))).toEqual({
        code: 'enrolment.already-enrolled',
        message: 'This person is already enrolled in this course',
      });
    }
  });
});
