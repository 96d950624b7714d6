import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork, type Transaction } from '@schakel/jobs';
import { SessionResponse, UpdateSessionDto } from './dto/session.dto';
import type { Meeting } from './entities/meeting.entity';
import type { Session } from './entities/session.entity';
import { MeetingPeriod, parseMeetings, periodOf } from './meeting.rules';
import { SeatLedger } from './seats/seat-ledger.service';
import { SessionAccess } from './session-access.service';
import { SessionError } from './session.exception';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

/**
 * A trainer changes or cancels a session. Each runs under the session row's lock, so it
 * interleaves safely with enrolments and cancellations; every change that a calendar
 * or a person must learn about raises the SEQUENCE and writes outbox rows in the same
 * transaction.
 */
@Injectable()
export class SessionChangeService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly sessions: SessionRepository,
    private readonly seats: SeatLedger,
    private readonly access: SessionAccess,
    private readonly reader: SessionService,
  ) {}

  async update(user: AuthUser, sessionId: string, dto: UpdateSessionDto): Promise<SessionResponse> {
    await this.access.requireTrainer(user, sessionId, { allowPlatformAdmin: true });
    const meetingsInput = dto.meetings ? parseMeetings(dto.meetings) : undefined;
    const session = await this.work.run(async (tx) => {
      const { manager } = tx;
      const locked = await this.sessions.lockForUpdate(manager, sessionId);
      if (!locked) throw SessionError.notFound();
      if (locked.status === 'cancelled') throw SessionError.cancelled();
      if (dto.capacity !== undefined && dto.capacity < locked.confirmedCount) throw SessionError.capacityBelowConfirmed(locked.confirmedCount);
      const raised = dto.capacity !== undefined && dto.capacity > locked.capacity;
      if (dto.capacity !== undefined) locked.capacity = dto.capacity;
      if (dto.enrolmentDeadline !== undefined) locked.enrolmentDeadline = dto.enrolmentDeadline ? new Date(dto.enrolmentDeadline) : null;

      let changed = this.applyPlace(locked, dto);
      if (meetingsInput) changed = (await this.applyMeetings(manager, locked, meetingsInput)) || changed;
      if (changed) locked.sequence += 1;
      const saved = await this.sessions.saveSession(manager, locked);
      if (changed) await this.tellConfirmed(tx, saved);
      if (raised) await this.seats.fillFreeSeats(tx, saved.id);
      return (await this.sessions.findById(saved.id, manager))!;
    });
    return this.reader.present(session, true);
  }

  async cancel(user: AuthUser, sessionId: string): Promise<SessionResponse> {
    await this.access.requireTrainer(user, sessionId, { allowPlatformAdmin: true });
    const session = await this.work.run(async (tx) => {
      const { manager } = tx;
      const locked = await this.sessions.lockForUpdate(manager, sessionId);
      if (!locked) throw SessionError.notFound();
      if (locked.status === 'cancelled') throw SessionError.cancelled();
      locked.status = 'cancelled';
      locked.sequence += 1;
      await this.sessions.saveSession(manager, locked);
      await this.seats.cancelAll(tx, locked);
      return (await this.sessions.findById(locked.id, manager))!;
    });
    return this.reader.present(session, true);
  }

  /** Returns true when what a calendar shows changed (place, link, time zone, title). */
  private applyPlace(session: Session, dto: UpdateSessionDto): boolean {
    let changed = false;
    const set = <K extends 'location' | 'onlineUrl' | 'timezone' | 'title'>(key: K, value: Session[K] | undefined) => {
      if (value === undefined || session[key] === value) return;
      session[key] = value;
      changed = true;
    };
    set('location', dto.location);
    set('onlineUrl', dto.onlineUrl);
    set('timezone', dto.timezone);
    set('title', dto.title);
    if (!session.location && !session.onlineUrl) throw SessionError.invalid('location', 'or onlineUrl is required');
    return changed;
  }

  /**
   * The new list replaces the old: kept meetings (by id) move if their times changed, new
   * ones are added, and those left out are cancelled (not deleted: their calendar UID must
   * receive a cancellation). Each changed meeting's own SEQUENCE goes up.
   */
  private async applyMeetings(manager: EntityManager, session: Session, input: MeetingPeriod[]): Promise<boolean> {
    const existing = await this.sessions.meetingsOf([session.id], manager);
    const live = new Map(existing.filter((m) => !m.cancelledAt).map((m) => [m.id, m]));
    const writes: Array<Partial<Meeting>> = [];
    for (const [index, m] of input.entries()) {
      if (!m.id) {
        writes.push({ sessionId: session.id, startsAt: m.startsAt, endsAt: m.endsAt });
        continue;
      }
      const current = live.get(m.id);
      if (!current) throw SessionError.invalid(`meetings[${index}].id`, 'is not a meeting of this session');
      live.delete(m.id);
      if (current.startsAt.getTime() !== m.startsAt.getTime() || current.endsAt.getTime() !== m.endsAt.getTime()) {
        writes.push({ ...current, startsAt: m.startsAt, endsAt: m.endsAt, sequence: current.sequence + 1 });
      }
    }
    const now = new Date();
    for (const dropped of live.values()) writes.push({ ...dropped, cancelledAt: now, sequence: dropped.sequence + 1 });
    if (writes.length === 0) return false;
    await this.sessions.saveMeetings(manager, writes);
    Object.assign(session, periodOf(input));
    return true;
  }

  private async tellConfirmed(tx: Transaction, session: Session): Promise<void> {
    for (const e of await this.seats.holders(tx.manager, session.id)) {
      await tx.publish('session.changed', { userId: e.userId, enrolmentId: e.id, sessionId: session.id, sequence: session.sequence });
    }
  }
}
