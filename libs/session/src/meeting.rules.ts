import type { FieldProblem } from '@schakel/common';
import { DomainException } from '@schakel/common';
import type { MeetingInputDto } from './dto/session.dto';

export interface MeetingPeriod {
  id?: string;
  startsAt: Date;
  endsAt: Date;
}

/** Parses and checks a list of meetings: every end after its start; sorted by start. */
export function parseMeetings(input: MeetingInputDto[]): MeetingPeriod[] {
  const problems: FieldProblem[] = [];
  const meetings = input.map((m, i) => {
    const period = { id: m.id, startsAt: new Date(m.startsAt), endsAt: new Date(m.endsAt) };
    if (period.endsAt.getTime() <= period.startsAt.getTime()) problems.push({ field: `meetings[${i}].endsAt`, problem: 'must be after startsAt' });
    return period;
  });
  const ids = meetings.flatMap((m) => (m.id ? [m.id] : []));
  if (new Set(ids).size !== ids.length) problems.push({ field: 'meetings', problem: 'lists a meeting id twice' });
  if (problems.length > 0) {
    throw new DomainException(400, 'session.invalid-meetings', problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems);
  }
  return meetings.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The session's period: first meeting's start to last meeting's end. */
export function periodOf(meetings: Array<{ startsAt: Date; endsAt: Date }>): { startsAt: Date; endsAt: Date } {
  return {
    startsAt: new Date(Math.min(...meetings.map((m) => m.startsAt.getTime()))),
    endsAt: new Date(Math.max(...meetings.map((m) => m.endsAt.getTime()))),
  };
}
