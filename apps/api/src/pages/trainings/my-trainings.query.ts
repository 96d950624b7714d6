import { Injectable } from '@nestjs/common';
import { formatMeeting, isUuid, type Locale } from '@schakel/common';
import { EnrolmentRepository, MyEnrolmentsService, OPEN_ENROLMENT_STATUSES, type EnrolmentStatus, type MyEnrolmentResponse } from '@schakel/enrolment';
import type { AuthUser } from '@schakel/identity';
import { SessionRepository, type Meeting, type Session } from '@schakel/session';
import { WebError } from '@schakel/web';

/** One enrolment as "Mijn trainingen" shows it. */
export interface TrainingView {
  id: string;
  course: MyEnrolmentResponse['course'];
  status: EnrolmentStatus;
  waitlistPosition: number | null;
  tone: 'ok' | 'warning' | 'neutral';
  /** Each meeting written out (Europe/Amsterdam, or the session's own zone). */
  when: string[];
  /** null: online (or no session). */
  place: string | null;
  hasSession: boolean;
  /** Only for those holding a seat, as in the JSON API. */
  meetingUrl: string | null;
  /** An online session whose link she will see once she has a seat. */
  meetingUrlLater: boolean;
  progress: { done: number; total: number; percent: number } | null;
  open: boolean;
}

const TONE: Record<EnrolmentStatus, TrainingView['tone']> = {
  active: 'warning',
  confirmed: 'ok',
  waitlisted: 'warning',
  completed: 'ok',
  cancelled: 'neutral',
  'not-admitted': 'neutral',
  'no-show': 'neutral',
};

const LIST_SIZE = 100;
const HOLDS_SEAT: EnrolmentStatus[] = ['confirmed', 'completed'];

/**
 * The signed-in person's own enrolments with their sessions' meetings and places, from the
 * enrolment and session services. Only her own: another person's enrolment (even one her
 * organisation made, which an org admin may read through the API) is "niet gevonden" here.
 */
@Injectable()
export class MyTrainingsQuery {
  constructor(
    private readonly myEnrolments: MyEnrolmentsService,
    private readonly enrolments: EnrolmentRepository,
    private readonly sessions: SessionRepository,
  ) {}

  async list(user: AuthUser, lang: Locale): Promise<TrainingView[]> {
    const page = await this.myEnrolments.list(user, { limit: LIST_SIZE, offset: 0 });
    return this.withSessions(page.items, lang);
  }

  async one(user: AuthUser, enrolmentId: string, lang: Locale): Promise<TrainingView> {
    const [view] = await this.withSessions([await this.own(user, enrolmentId)], lang);
    return view;
  }

  /** Her own enrolment, or the "niet gevonden" page. */
  async own(user: AuthUser, enrolmentId: string): Promise<MyEnrolmentResponse> {
    if (!isUuid(enrolmentId)) throw WebError.notFound();
    const found = await this.enrolments.findById(enrolmentId);
    if (!found || found.userId !== user.id) throw WebError.notFound();
    return this.myEnrolments.detail(user, enrolmentId);
  }

  private async withSessions(enrolments: MyEnrolmentResponse[], lang: Locale): Promise<TrainingView[]> {
    const ids = [...new Set(enrolments.map((e) => e.sessionId).filter((id): id is string => id !== null))];
    const [sessions, meetings] = await Promise.all([Promise.all(ids.map((id) => this.sessions.findById(id))), this.sessions.meetingsOf(ids)]);
    const byId = new Map(sessions.filter((s): s is Session => s !== null).map((s) => [s.id, s]));
    return enrolments.map((e) => toView(e, e.sessionId ? byId.get(e.sessionId) : undefined, meetings.filter((m) => m.sessionId === e.sessionId), lang));
  }
}

function toView(e: MyEnrolmentResponse, session: Session | undefined, meetings: Meeting[], lang: Locale): TrainingView {
  const { lessonsCompleted: done, lessonCount: total } = e.progress;
  const online = !!session && !session.location && !!session.onlineUrl;
  return {
    id: e.id,
    course: e.course,
    status: e.status,
    waitlistPosition: e.waitlistPosition,
    tone: TONE[e.status],
    when: meetings.filter((m) => m.cancelledAt === null).map((m) => formatMeeting(m.startsAt, m.endsAt, lang, session?.timezone)),
    place: session?.location ?? null,
    hasSession: !!session,
    meetingUrl: session?.onlineUrl && HOLDS_SEAT.includes(e.status) ? session.onlineUrl : null,
    meetingUrlLater: online && e.status === 'waitlisted',
    progress: !session && total > 0 ? { done, total, percent: Math.round((done / total) * 100) } : null,
    open: OPEN_ENROLMENT_STATUSES.includes(e.status),
  };
}
