import { Injectable } from '@nestjs/common';
import { AccessError, AccessService } from '@schakel/access';
import { AuditLog } from '@schakel/audit';
import { IdentityService, type AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { OrganisationError } from '../organisation.exception';
import { OrganisationRepository } from '../organisation.repository';
import { InvitationRepository } from './invitation.repository';
import { invitationMail, minutesUntilResend, RESEND_INTERVAL_MINUTES } from './invitation.rules';

/** What a resend did: which mail goes out again, and its number (1 for the first resend). */
export interface InvitationResent {
  organisationId: string;
  userId: string;
  mail: 'member-invited' | 'membership-requested';
  resend: number;
}

/**
 * An org admin sends an open invitation again (issue 13: "resend or revoke"): the same mail
 * as the first time (choose a password, or accept the membership), through the outbox, with
 * the resend's number in the event, so its delivery key is new (one mail per resend, exactly
 * once, however often the event is handled). At most once per RESEND_INTERVAL_MINUTES per
 * invitation, counted from the last mail; the membership row's lock makes two clicks take turns.
 */
@Injectable()
export class InvitationResendService {
  constructor(
    private readonly access: AccessService,
    private readonly organisations: OrganisationRepository,
    private readonly invitations: InvitationRepository,
    private readonly identity: IdentityService,
    private readonly audit: AuditLog,
    private readonly work: UnitOfWork,
  ) {}

  async resend(actor: AuthUser, organisationId: string, userId: string, now = new Date()): Promise<InvitationResent> {
    await this.access.requireRole(actor, organisationId, ['org-admin']);
    // A platform admin passes the role check; the organisation must still exist.
    if (actor.isPlatformAdmin && !(await this.organisations.findById(organisationId))) throw AccessError.organisationNotFound();
    return this.work.run(async ({ manager, publish }) => {
      const membership = await this.invitations.lockMembership(manager, organisationId, userId);
      if (!membership) throw OrganisationError.memberNotFound();
      const person = await this.identity.getById(userId);
      const event = invitationMail({ status: membership.status, createdAt: membership.createdAt, hasPassword: Boolean(person?.passwordHash) });
      if (!event) throw OrganisationError.invitationAnswered();
      const last = await this.audit.latestAbout(manager, { action: 'member.invitation-resent', organisationId, subjectId: userId });
      const lastMailAt = last && last.createdAt > membership.createdAt ? last.createdAt : membership.createdAt;
      if (minutesUntilResend(lastMailAt, now) > 0) throw OrganisationError.invitationResentRecently(RESEND_INTERVAL_MINUTES);
      // Numbered on from every earlier resend to this person here (also of an earlier, withdrawn invitation), so no key repeats.
      const resend = (Number(last?.details.resend) || 0) + 1;
      await publish(event, { userId, organisationId, resend });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'member.invitation-resent',
        subjectType: 'membership',
        subjectId: userId,
        organisationId,
        details: { resend, mail: event },
      });
      return { organisationId, userId, mail: event === 'member.invited' ? 'member-invited' : 'membership-requested', resend };
    });
  }
}
