import type { OrderEventState } from '@schakel/jobs';
import type { LinkSigner } from '@schakel/web';
import type { MessageContextRepository, Recipient, SessionContext } from '../message-context.repository';
import type { ExpiryWindow, NudgeNumber, ReminderWindow } from '../message-windows.rules';

interface InvitationSubject {
  organisationId: string;
  resend?: number;
}

interface SessionLearnerSubject {
  sessionId: string;
  enrolmentId: string;
  sequence: number;
}

/**
 * Every kind of message, with what it is about: ids only, stored as the delivery's
 * subject and reloaded at send time. The keys are the one vocabulary of message kinds
 * (delivery rows, template names, logs); events stay dotted (`enrolment.confirmed`).
 */
export interface MessageSubjects {
  'enrolment-confirmed': { enrolmentId: string };
  'enrolment-waitlisted': { enrolmentId: string };
  'enrolment-promoted': { enrolmentId: string };
  'enrolment-cancelled': { enrolmentId: string };
  'session-changed': SessionLearnerSubject;
  'session-cancelled': SessionLearnerSubject;
  /** `startsAt`: the session's start (epoch seconds) the reminder is for; a moved session gets new reminders. */
  'session-reminder': { sessionId: string; enrolmentId: string; window: ReminderWindow; startsAt: number };
  'module-nudge': { enrolmentId: string; window: NudgeNumber };
  'certificate-issued': { certificateId: string };
  'certificate-expiring': { certificateId: string; window: ExpiryWindow };
  /** `resend`: an org admin's resend (1, 2, …); each is its own mail. */
  'member-invited': InvitationSubject;
  'membership-requested': InvitationSubject;
  'password-reset': { requestId: string };
  'verify-email': { requestId: string };
  'order-changed': { orderId: string; state: OrderEventState };
}

export type MessageKind = keyof MessageSubjects;

/** What a draft may use besides the recipient. */
export interface DraftTools {
  context: MessageContextRepository;
  links: LinkSigner;
  baseUrl: string;
  /** An order's invoice as a PDF (rendered from the stored row: the same bytes as the download). */
  invoicePdf(orderId: string): Promise<{ number: string; pdf: Buffer } | null>;
}

/** A file a mail carries besides its .ics. */
export interface DraftAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * The template's data, the session to attach as an .ics (REQUEST adds or updates it, CANCEL
 * removes it), and any other files (the invoice of a confirmed order).
 */
export interface Draft {
  data: Record<string, unknown>;
  calendar?: { method: 'REQUEST' | 'CANCEL'; session: SessionContext };
  attachments?: DraftAttachment[];
}

/** The message no longer applies; the note says why (kept on the delivery row). */
export interface Skip {
  skip: string;
}

/** Who gets a message that an event decided, and what it is about. */
export interface Decision<K extends MessageKind> {
  userId: string;
  subject: MessageSubjects[K];
}

/** Everything one kind of message needs; kinds/index.ts holds one per kind. */
export interface MessageDefinition<K extends MessageKind> {
  readonly kind: K;
  /** templates/emails/<locale>/<template>.hbs */
  readonly template: string;
  /** A nudge (to carry on with a module) is what "nudges off" silences; it carries List-Unsubscribe. */
  readonly nudge: boolean;
  /**
   * The daily limit may hold it (reminders, nudges, expiry notices); held messages go out when
   * the limit allows again, if they still apply then. Confirmations and changes always go.
   */
  readonly dailyLimited: boolean;
  /**
   * The delivery key: names the message once, so whoever inserts it first decided it.
   * Rows in production carry these keys: a format never changes.
   */
  key(subject: MessageSubjects[K], userId: string): string;
  /** The template's data at send time, re-checking that the message still applies. */
  draft(subject: MessageSubjects[K], recipient: Recipient, tools: DraftTools, now: Date): Promise<Draft | Skip>;
}

/** A kind that a domain event decides (the others come from the sweep's SQL). */
export interface EventMessageDefinition<K extends MessageKind, Payload> extends MessageDefinition<K> {
  decide(payload: Payload, context: MessageContextRepository): Promise<Decision<K> | Skip>;
}
