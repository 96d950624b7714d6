import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Locale } from '@schakel/common';

export interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  nudges: boolean;
}

/**
 * The recipient of a delivery as one JSON value (null when she no longer exists), for the
 * claim's RETURNING: the claim and the recipient in one round trip. `userId`: the SQL
 * expression that holds her id, qualified by its table (the subquery has a `user_id` of its own).
 */
export const recipientJson = (userId: string) =>
  `(SELECT json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'locale', u.locale, 'nudges', coalesce(p.nudges, true))
      FROM users u LEFT JOIN message_preferences p ON p.user_id = u.id WHERE u.id = ${userId})`;

export interface EnrolmentContext {
  id: string;
  userId: string;
  status: 'active' | 'confirmed' | 'waitlisted' | 'completed' | 'cancelled';
  waitlistPosition: number | null;
  courseId: string;
  courseTitle: string;
  courseFormat: 'online' | 'live' | 'blended';
  sessionId: string | null;
  lastActivityAt: Date;
}

export interface MeetingContext {
  id: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  cancelledAt: Date | null;
}

export interface SessionContext {
  id: string;
  title: string;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  startsAt: Date;
  timezone: string;
  location: string | null;
  onlineUrl: string | null;
  meetings: MeetingContext[];
}

export interface CertificateContext {
  id: string;
  userId: string;
  state: 'pending' | 'issued';
  code: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  courseTitle: string;
}

export interface OrderContext {
  id: string;
  state: 'requested' | 'confirmed' | 'delivered' | 'rejected' | 'cancelled';
  kind: 'seats' | 'in-company-session';
  organisationName: string;
  courseTitle: string;
  seats: number | null;
  participants: number | null;
  reason: string | null;
  invoiceNumber: string | null;
  subtotalCents: number | null;
  vatCents: number | null;
  totalCents: number | null;
}

/** Reads what a message needs, at send time (payloads carry ids only). */
@Injectable()
export class MessageContextRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hasPassword(userId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT password_hash IS NOT NULL AS has FROM users WHERE id = $1`, [userId]);
    return Boolean(row?.has);
  }

  async enrolment(enrolmentId: string): Promise<EnrolmentContext | null> {
    const [row] = await this.dataSource.query(
      `SELECT e.id, e.user_id AS "userId", e.status, e.waitlist_position AS "waitlistPosition", e.course_id AS "courseId",
              c.title AS "courseTitle", c.format AS "courseFormat", e.session_id AS "sessionId", e.last_activity_at AS "lastActivityAt"
         FROM enrolments e JOIN courses c ON c.id = e.course_id WHERE e.id = $1`,
      [enrolmentId],
    );
    return row ?? null;
  }

  async session(sessionId: string): Promise<SessionContext | null> {
    const [row] = await this.dataSource.query(
      `SELECT s.id, coalesce(s.title, c.title) AS title, s.status, s.sequence, s.starts_at AS "startsAt", s.timezone,
              s.location, s.online_url AS "onlineUrl"
         FROM sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1`,
      [sessionId],
    );
    if (!row) return null;
    const meetings: MeetingContext[] = await this.dataSource.query(
      `SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", sequence, cancelled_at AS "cancelledAt"
         FROM meetings WHERE session_id = $1 ORDER BY starts_at`,
      [sessionId],
    );
    return { ...row, meetings };
  }

  /** The enrolment of this person in this session, whatever its status (the latest). */
  async enrolmentInSession(sessionId: string, userId: string): Promise<EnrolmentContext | null> {
    const [row] = await this.dataSource.query(
      `SELECT id FROM enrolments WHERE session_id = $1 AND user_id = $2 ORDER BY created_at DESC LIMIT 1`,
      [sessionId, userId],
    );
    return row ? this.enrolment(row.id) : null;
  }

  async certificate(certificateId: string): Promise<CertificateContext | null> {
    const [row] = await this.dataSource.query(
      `SELECT ce.id, ce.user_id AS "userId", ce.state, ce.code, ce.expires_at AS "expiresAt", ce.revoked_at AS "revokedAt",
              c.title AS "courseTitle"
         FROM certificates ce JOIN courses c ON c.id = ce.course_id WHERE ce.id = $1`,
      [certificateId],
    );
    return row ?? null;
  }

  async emailVerified(userId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(`SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1`, [userId])) as Array<{ verified: boolean }>;
    return Boolean(row?.verified);
  }

  /** The account's token version now (a reset link names it), or null when the account is gone. */
  async tokenVersion(userId: string): Promise<number | null> {
    const [row] = (await this.dataSource.query(`SELECT token_version FROM users WHERE id = $1`, [userId])) as Array<{ token_version: number }>;
    return row ? row.token_version : null;
  }

  /** Re-checked at send time: a request already accepted or declined is not mailed. */
  async membershipPending(organisationId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM memberships WHERE organisation_id = $1 AND user_id = $2 AND status = 'pending'`,
      [organisationId, userId],
    );
    return rows.length > 0;
  }

  async organisationName(organisationId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT name FROM organisations WHERE id = $1`, [organisationId]);
    return row?.name ?? null;
  }

  async order(orderId: string): Promise<OrderContext | null> {
    const [row] = (await this.dataSource.query(
      `SELECT o.id, o.state, o.kind, g.name AS "organisationName", c.title AS "courseTitle", o.seats, o.participants, o.reason,
              i.number AS "invoiceNumber", i.subtotal_cents AS "subtotalCents", i.vat_cents AS "vatCents", i.total_cents AS "totalCents"
         FROM orders o JOIN organisations g ON g.id = o.organisation_id JOIN courses c ON c.id = o.course_id
         LEFT JOIN invoices i ON i.order_id = o.id
        WHERE o.id = $1`,
      [orderId],
    )) as OrderContext[];
    return row ?? null;
  }
}
