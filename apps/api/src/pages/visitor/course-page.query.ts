import { Injectable } from '@nestjs/common';
import { CourseService, type CourseDetailResponse } from '@schakel/catalogue';
import { formatDate, formatMeeting, type Locale } from '@schakel/common';
import { EnrolmentRepository, type Enrolment } from '@schakel/enrolment';
import type { AuthUser } from '@schakel/identity';
import { SessionService, type SessionQueryDto, type SessionResponse } from '@schakel/session';

/** One upcoming session as the course page shows it: dates written out, place, free seats. */
export interface SessionView {
  id: string;
  title: string | null;
  when: string;
  /** Every meeting, written out, when there is more than one. */
  meetings: string[];
  /** null: online. */
  place: string | null;
  seatsLeft: number;
  full: boolean;
  waiting: number;
  deadline: string | null;
  inCompany: boolean;
  /** The signed-in person's place in this session, if she has one. */
  mine: 'confirmed' | 'waitlisted' | null;
  canEnrol: boolean;
  /** The enrolment deadline has passed: the session takes nobody new. */
  closed: boolean;
}

export interface CoursePageData {
  course: CourseDetailResponse;
  sessions: SessionView[];
  /** Prerequisites the signed-in person has not completed yet. */
  missing: Array<{ slug: string; title: string }>;
  /** Her open enrolment in the course, if any. */
  enrolment: Pick<Enrolment, 'id' | 'status' | 'sessionId' | 'waitlistPosition'> | null;
  /** An online course (or a blended one's online part) she may enrol in without a session. */
  canStartOnline: boolean;
}

const SESSIONS_SHOWN = 50;

/**
 * What the course page shows, from the domain services: the course as the caller may see it
 * (a draft is "niet gevonden"), its sessions that have not started yet (open ones, and the
 * in-company ones of her organisations), and, for a signed-in person, her open enrolment and
 * the prerequisites she still lacks.
 */
@Injectable()
export class CoursePageQuery {
  constructor(
    private readonly courses: CourseService,
    private readonly sessions: SessionService,
    private readonly enrolments: EnrolmentRepository,
  ) {}

  async load(user: AuthUser | undefined, slug: string, lang: Locale): Promise<CoursePageData> {
    const course = await this.courses.detail(user, slug);
    const now = new Date();
    const query = { courseId: course.id, from: now.toISOString(), limit: SESSIONS_SHOWN, offset: 0 } as SessionQueryDto;
    const [page, enrolment, missingTitles] = await Promise.all([
      course.format === 'online' ? Promise.resolve({ items: [] as SessionResponse[] }) : this.sessions.list(user, query),
      user ? this.enrolments.findOpen(user.id, course.id) : Promise.resolve(null),
      user && course.prerequisites.length > 0 ? this.missingPrerequisites(course.id, user.id) : Promise.resolve([]),
    ]);
    const mayPickSession = !enrolment || (course.format === 'blended' && enrolment.sessionId === null);
    const upcoming = page.items.filter((s) => s.status === 'scheduled' && new Date(s.startsAt) > now);
    return {
      course,
      sessions: upcoming.map((s) => toSessionView(s, lang, enrolment, mayPickSession)),
      missing: course.prerequisites.filter((p) => missingTitles.includes(p.title)),
      enrolment: enrolment ? { id: enrolment.id, status: enrolment.status, sessionId: enrolment.sessionId, waitlistPosition: enrolment.waitlistPosition } : null,
      canStartOnline: course.format !== 'live' && !enrolment,
    };
  }

  private async missingPrerequisites(courseId: string, userId: string): Promise<string[]> {
    return (await this.enrolments.publishedCourseWithMissing(courseId, userId))?.missing ?? [];
  }
}

function toSessionView(s: SessionResponse, lang: Locale, enrolment: Enrolment | null, mayPickSession: boolean): SessionView {
  const meetings = s.meetings.filter((m) => m.cancelledAt === null).map((m) => formatMeeting(new Date(m.startsAt), new Date(m.endsAt), lang, s.timezone));
  const closed = s.enrolmentDeadline !== null && new Date(s.enrolmentDeadline) <= new Date();
  const mine = enrolment?.sessionId === s.id && (enrolment.status === 'confirmed' || enrolment.status === 'waitlisted') ? enrolment.status : null;
  return {
    id: s.id,
    title: s.title,
    when: meetings[0] ?? formatMeeting(new Date(s.startsAt), new Date(s.endsAt), lang, s.timezone),
    meetings: meetings.length > 1 ? meetings : [],
    place: s.location,
    seatsLeft: s.seatsLeft,
    full: s.seatsLeft === 0,
    waiting: s.waitlistCount,
    deadline: s.enrolmentDeadline ? formatDate(new Date(s.enrolmentDeadline), lang, s.timezone) : null,
    inCompany: s.visibility === 'in-company',
    mine,
    canEnrol: mayPickSession && !closed,
    closed,
  };
}
