import { Injectable } from '@nestjs/common';
import { CourseService } from '@schakel/catalogue';
import { formatDate, formatMeeting, type Locale } from '@schakel/common';
import { AttendanceService, SessionRosterService, type RosterRow } from '@schakel/enrolment';
import type { AuthUser } from '@schakel/identity';
import { OrganisationRepository } from '@schakel/organisation';
import { SessionAccess, SessionService, type SessionResponse, type TrainedSession } from '@schakel/session';

export interface TrainedSessionItem {
  id: string;
  courseTitle: string;
  when: string;
  place: string;
  status: string;
  cancelled: boolean;
  confirmed: number;
  capacity: number;
  waitlist: number;
}

export interface AttendanceRowView {
  enrolmentId: string;
  name: string;
  present: boolean;
  marked: boolean;
}

export interface MeetingSheetView {
  id: string;
  n: number;
  when: string;
  started: boolean;
  rows: AttendanceRowView[];
}

/** Everything the one-session page shows, gathered through the domain services the JSON routes use. */
export interface TrainerSessionData {
  session: SessionResponse;
  courseTitle: string;
  organisationName: string | null;
  meetings: Array<{ when: string }>;
  deadline: string | null;
  roster: RosterRow[];
  waitlist: RosterRow[];
  sheets: MeetingSheetView[];
  ownEnrolment: boolean;
  cancelled: boolean;
}

/** Reads for the trainer pages: her sessions, and one session with its roster, waitlist and attendance. */
@Injectable()
export class TrainerSessionQuery {
  constructor(
    private readonly sessions: SessionService,
    private readonly access: SessionAccess,
    private readonly roster: SessionRosterService,
    private readonly attendance: AttendanceService,
    private readonly courses: CourseService,
    private readonly organisations: OrganisationRepository,
  ) {}

  async mySessions(user: AuthUser, lang: Locale): Promise<{ upcoming: TrainedSessionItem[]; past: TrainedSessionItem[] }> {
    const { upcoming, past } = await this.sessions.listTrained(user);
    const item = (s: TrainedSession): TrainedSessionItem => ({
      id: s.id,
      courseTitle: s.title ? `${s.courseTitle} · ${s.title}` : s.courseTitle,
      when: formatMeeting(new Date(s.startsAt), new Date(s.endsAt), lang),
      place: s.location ?? s.onlineUrl ?? '',
      status: s.status,
      cancelled: s.status === 'cancelled',
      confirmed: s.confirmedCount,
      capacity: s.capacity,
      waitlist: s.waitlistCount,
    });
    return { upcoming: upcoming.map(item), past: past.map(item) };
  }

  /** Her own session only: another trainer's (or a learner's view of it) is the "niet gevonden" page (403/404 from the domain). */
  async session(user: AuthUser, sessionId: string, lang: Locale): Promise<TrainerSessionData> {
    await this.access.requireTrainer(user, sessionId, { allowPlatformAdmin: true });
    const session = await this.sessions.get(user, sessionId);
    const [course, organisation, people, marks] = await Promise.all([
      this.courses.getReadable(user, session.courseId),
      session.organisationId ? this.organisations.findById(session.organisationId) : Promise.resolve(null),
      this.roster.list(user, sessionId, { limit: 1000, offset: 0 }),
      this.attendance.marks(user, sessionId),
    ]);
    const roster = people.items.filter((p) => p.status === 'confirmed' || p.status === 'completed');
    const waitlist = people.items.filter((p) => p.status === 'waitlisted').sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
    const marked = new Map(marks.map((m) => [`${m.enrolmentId}/${m.meetingId}`, m.present]));
    const live = session.meetings.filter((m) => !m.cancelledAt);
    const now = Date.now();
    const sheets = live.map((m, i) => ({
      id: m.id,
      n: i + 1,
      when: formatMeeting(new Date(m.startsAt), new Date(m.endsAt), lang),
      started: new Date(m.startsAt).getTime() <= now,
      rows: roster
        .filter((p) => p.userId !== user.id)
        .map((p) => {
          const mark = marked.get(`${p.id}/${m.id}`);
          return { enrolmentId: p.id, name: p.name, present: mark === true, marked: mark !== undefined };
        }),
    }));
    return {
      session,
      courseTitle: course.title,
      organisationName: organisation?.name ?? null,
      meetings: live.map((m) => ({ when: formatMeeting(new Date(m.startsAt), new Date(m.endsAt), lang) })),
      deadline: session.enrolmentDeadline ? formatDate(new Date(session.enrolmentDeadline), lang) : null,
      roster,
      waitlist,
      sheets,
      ownEnrolment: roster.some((p) => p.userId === user.id),
      cancelled: session.status === 'cancelled',
    };
  }
}
