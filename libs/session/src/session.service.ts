import { Injectable } from '@nestjs/common';
import type { Page } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork, type Transaction } from '@schakel/jobs';
import { AccessService, type CourseScope } from '@schakel/access';
import { CreateSessionDto, MeetingInputDto, SessionQueryDto, SessionResponse, toSessionResponse } from './dto/session.dto';
import type { Meeting } from './entities/meeting.entity';
import type { Session } from './entities/session.entity';
import { parseMeetings, periodOf } from './meeting.rules';
import { SessionAccess } from './session-access.service';
import { SessionError } from './session.exception';
import { SessionRepository } from './session.repository';

/** What an in-company order's confirmation schedules. */
export interface InCompanySessionInput {
  courseId: string;
  organisationId: string;
  title: string | null;
  capacity: number;
  location: string | null;
  onlineUrl: string | null;
  meetings: MeetingInputDto[];
  trainerIds: string[];
  createdById: string;
}

/** A session in its trainer's list (meetings left out: the list shows the period). */
export type TrainedSession = SessionResponse & { courseTitle: string };

/** Scheduling and reading sessions. Changes and cancellation: SessionChangeService. */
@Injectable()
export class SessionService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly sessions: SessionRepository,
    private readonly rules: AccessService,
    private readonly access: SessionAccess,
  ) {}

  async create(user: AuthUser, courseId: string, dto: CreateSessionDto): Promise<SessionResponse> {
    const course = await this.sessions.courseFormat(courseId);
    // A draft exists for its authors only: scheduling on somebody else's draft is the same 404 as on no course.
    if (!course || !this.rules.canReadCourse(user, course)) throw SessionError.courseNotFound();
    await this.requireMayScheduleFor(user, dto, course);
    if (course.format !== 'live' && course.format !== 'blended') throw SessionError.notLiveCourse();
    if (!dto.location && !dto.onlineUrl) throw SessionError.invalid('location', 'or onlineUrl is required');
    if (dto.visibility === 'in-company' && !dto.organisationId) throw SessionError.invalid('organisationId', 'is required for an in-company session');
    const meetings = parseMeetings(dto.meetings);
    if (meetings.some((m) => m.id)) throw SessionError.invalid('meetings', 'new meetings have no id');
    const trainerIds = [...new Set([user.id, ...(dto.trainerIds ?? [])])];
    const known = new Set(await this.sessions.usersExist(trainerIds));
    const unknown = trainerIds.find((id) => !known.has(id));
    if (unknown) throw SessionError.trainerNotFound(unknown);

    const session = await this.work.run(({ manager }) =>
      this.sessions.insert(
        manager,
        {
          courseId,
          title: dto.title ?? null,
          timezone: dto.timezone ?? 'Europe/Amsterdam',
          location: dto.location ?? null,
          onlineUrl: dto.onlineUrl ?? null,
          capacity: dto.capacity,
          visibility: dto.visibility,
          organisationId: dto.visibility === 'in-company' ? dto.organisationId! : null,
          enrolmentDeadline: dto.enrolmentDeadline ? new Date(dto.enrolmentDeadline) : null,
          createdById: user.id,
          ...periodOf(meetings),
        },
        meetings.map(({ startsAt, endsAt }) => ({ startsAt, endsAt })),
        trainerIds,
      ),
    );
    return this.present(session, true);
  }

  /**
   * A private session for an organisation's confirmed order, inside the caller's
   * transaction (the order and its session commit together). The capacity is the order's
   * participants; the trainers are the provider's choice (no scheduling rights needed).
   */
  async scheduleInCompany(tx: Transaction, input: InCompanySessionInput): Promise<Session> {
    const meetings = parseMeetings(input.meetings);
    if (meetings.some((m) => m.id)) throw SessionError.invalid('meetings', 'new meetings have no id');
    const known = new Set(await this.sessions.usersExist(input.trainerIds));
    const unknown = input.trainerIds.find((id) => !known.has(id));
    if (unknown) throw SessionError.trainerNotFound(unknown);
    const session = await this.sessions.insert(
      tx.manager,
      {
        courseId: input.courseId,
        title: input.title,
        timezone: 'Europe/Amsterdam',
        location: input.location,
        onlineUrl: input.onlineUrl,
        capacity: input.capacity,
        visibility: 'in-company',
        organisationId: input.organisationId,
        enrolmentDeadline: null,
        createdById: input.createdById,
        ...periodOf(meetings),
      },
      meetings.map(({ startsAt, endsAt }) => ({ startsAt, endsAt })),
      [...new Set(input.trainerIds)],
    );
    return session;
  }

  async get(user: AuthUser | undefined, sessionId: string): Promise<SessionResponse> {
    const session = await this.access.findVisible(user, sessionId);
    const showTrainers = !!user && (user.isPlatformAdmin || (await this.access.isTrainer(session.id, user.id)));
    const showOnlineUrl = showTrainers || (!!user && (await this.sessions.isConfirmedLearner(session.id, user.id)));
    return this.present(session, showTrainers, showOnlineUrl);
  }

  async list(user: AuthUser | undefined, query: SessionQueryDto): Promise<Page<SessionResponse>> {
    const viewer = await this.access.viewer(user);
    const page = await this.sessions.page(
      {
        courseId: query.courseId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        limit: query.limit,
        offset: query.offset,
      },
      viewer,
    );
    const meetings = await this.sessions.meetingsOf(page.items.map((s) => s.id));
    const bySession = new Map<string, Meeting[]>();
    for (const m of meetings) bySession.set(m.sessionId, [...(bySession.get(m.sessionId) ?? []), m]);
    return { items: page.items.map((s) => toSessionResponse(s, bySession.get(s.id) ?? [])), total: page.total };
  }

  /** "Mijn sessies": the sessions the caller trains, to come and past, each with its course title. */
  async listTrained(user: AuthUser, pastLimit = 20): Promise<{ upcoming: TrainedSession[]; past: TrainedSession[] }> {
    const [upcoming, past] = await Promise.all([this.sessions.trainedBy(user.id, 'upcoming', 200), this.sessions.trainedBy(user.id, 'past', pastLimit)]);
    const trained = (s: Session): TrainedSession => ({ ...toSessionResponse(s, [], undefined, true), courseTitle: s.course?.title ?? '' });
    return { upcoming: upcoming.map(trained), past: past.map(trained) };
  }

  /** `withTrainers` is for the session's trainers and platform admins, who also see the meeting link. */
  async present(session: Session, withTrainers: boolean, showOnlineUrl = withTrainers): Promise<SessionResponse> {
    const [meetings, trainerIds] = await Promise.all([
      this.sessions.meetingsOf([session.id]),
      withTrainers ? this.sessions.trainerIds(session.id) : Promise.resolve(undefined),
    ]);
    return toSessionResponse(session, meetings, trainerIds, showOnlineUrl);
  }

  /**
   * Roles are scoped. An in-company session: only for an organisation the caller belongs to,
   * as its trainer or admin (another organisation and a missing one are the same 404). An
   * open session puts the course's name on a certificate: only the course's authors (its
   * creator; a platform admin is one) schedule it.
   */
  private async requireMayScheduleFor(user: AuthUser, dto: CreateSessionDto, course: CourseScope): Promise<void> {
    if (dto.visibility === 'in-company' && dto.organisationId) {
      await this.rules.requireMayScheduleInCompany(user, dto.organisationId);
      if (user.isPlatformAdmin && !(await this.sessions.organisationExists(dto.organisationId))) throw SessionError.organisationNotFound();
      return;
    }
    if (dto.visibility === 'in-company') return; // organisationId missing: the 400 below names the field
    if (this.rules.isCourseAuthor(user, course)) return;
    throw (await this.rules.isPlatformTrainer(user)) ? SessionError.notCourseAuthor() : SessionError.mayNotSchedule();
  }
}
