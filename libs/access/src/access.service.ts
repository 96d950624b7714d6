import { Injectable } from '@nestjs/common';
import type { OrganisationRole } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { AccessError } from './access.exception';
import { AccessRepository, type SessionScope } from './access.repository';

/** A record about a person (an enrolment, a certificate) and the organisation that owns it, if any. */
export interface PersonRecord {
  personId: string;
  organisationId: string | null;
}

/** What access needs to know of a course. */
export interface CourseScope {
  status: 'draft' | 'published' | 'archived';
  createdById: string | null;
}

/**
 * "May this actor see or change this record?", answered in one place. Domains load the
 * record and ask; the answers follow one pattern everywhere: a record the actor may not
 * see does not exist for her (404), one she may see but not change is 403. Platform
 * admins pass every rule.
 */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  // organisations

  /** Any member (or a platform admin) may see the organisation; others get 404. Returns her roles (null for a platform admin). */
  async requireMember(actor: AuthUser, organisationId: string): Promise<OrganisationRole[] | null> {
    if (actor.isPlatformAdmin) return null;
    const roles = await this.repository.rolesIn(actor.id, organisationId);
    if (!roles) throw AccessError.organisationNotFound();
    return roles;
  }

  /** A member without one of `roles` gets 403. */
  async requireRole(actor: AuthUser, organisationId: string, roles: readonly OrganisationRole[]): Promise<void> {
    const held = await this.requireMember(actor, organisationId);
    if (held && !held.some((role) => roles.includes(role))) throw AccessError.roleRequired(roles);
  }

  async isMember(userId: string, organisationId: string): Promise<boolean> {
    return (await this.repository.rolesIn(userId, organisationId)) !== null;
  }

  /** Organisations the person belongs to, optionally only those where she holds one of `roles`. */
  organisationIds(userId: string, roles?: readonly OrganisationRole[]): Promise<string[]> {
    return this.repository.organisationIds(userId, roles);
  }

  /** The organisation's admins: they ordered, they hear about it. */
  adminIds(organisationId: string): Promise<string[]> {
    return this.repository.adminIds(organisationId);
  }

  // people and their records (enrolments, certificates)

  /**
   * The organisation through which `actor` may enrol `personId`: one where the actor is
   * org-admin and the person an active member. With `organisationId` (an in-company
   * session's owner) only that organisation counts. Null when none.
   */
  organisationActingFor(actor: AuthUser, personId: string, organisationId?: string | null): Promise<string | null> {
    return this.repository.organisationAdministering(actor.id, personId, organisationId ?? null);
  }

  /**
   * Rights follow the record, not "some organisation we share": the person herself, a
   * platform admin, or an org-admin of the organisation that owns the record (an
   * enrolment's organisation_id; a certificate's through its enrolment). An admin of
   * another organisation the person also belongs to has no right over it.
   */
  async mayActOnRecord(actor: AuthUser, record: PersonRecord): Promise<boolean> {
    if (actor.id === record.personId || actor.isPlatformAdmin) return true;
    if (!record.organisationId) return false;
    const roles = await this.repository.rolesIn(actor.id, record.organisationId);
    return !!roles && roles.includes('org-admin');
  }

  // sessions

  /** Open sessions are public; an in-company one exists only for its organisation's members, its trainers and platform admins. */
  async canSeeSession(actor: AuthUser | undefined, session: SessionScope): Promise<boolean> {
    if (session.visibility === 'open') return true;
    if (!actor) return false;
    if (actor.isPlatformAdmin) return true;
    if (session.organisationId && (await this.isMember(actor.id, session.organisationId))) return true;
    return this.repository.trains(session.id, actor.id);
  }

  trainsSession(sessionId: string, userId: string): Promise<boolean> {
    return this.repository.trains(sessionId, userId);
  }

  // platform roles

  /** Platform admins only (the caller says so): who administers each organisation. */
  adminsOf(organisationIds: string[]): Promise<Map<string, Array<{ name: string; email: string }>>> {
    return this.repository.adminsOf(organisationIds);
  }

  /** The staff parts of the site a person may open (the page header's links): trainer pages, organisations she administers. */
  staffRoles(actor: AuthUser): Promise<{ trains: boolean; administers: Array<{ id: string; name: string }> }> {
    return this.repository.staffRoles(actor.id);
  }

  /**
   * Authoring catalogue courses and scheduling open sessions: platform admins and platform
   * trainers (a role only a platform admin grants). A trainer role in an organisation does
   * not count: it covers that organisation's in-company sessions only.
   */
  async isPlatformTrainer(actor: AuthUser): Promise<boolean> {
    if (actor.isPlatformAdmin) return true;
    return (await this.repository.platformRoles(actor.id)).includes('trainer');
  }

  /**
   * Scheduling an in-company session for `organisationId`: the caller must be an active
   * member (else 404, the same as for an organisation that does not exist) holding trainer
   * or org-admin there (else 403). Platform admins pass (the organisation must exist).
   */
  async requireMayScheduleInCompany(actor: AuthUser, organisationId: string): Promise<void> {
    await this.requireRole(actor, organisationId, ['trainer', 'org-admin']);
  }

  // courses

  isCourseAuthor(actor: AuthUser | undefined, course: CourseScope): boolean {
    return isCourseAuthor(actor, course);
  }

  canReadCourse(actor: AuthUser | undefined, course: CourseScope): boolean {
    return canReadCourse(actor, course);
  }
}

/** Authors are the course's creator and every platform admin. (Pure: needs no lookup.) */
export function isCourseAuthor(actor: AuthUser | undefined, course: CourseScope): boolean {
  return !!actor && (actor.isPlatformAdmin || course.createdById === actor.id);
}

/** A draft does not exist for anyone but its authors. */
export function canReadCourse(actor: AuthUser | undefined, course: CourseScope): boolean {
  return course.status !== 'draft' || isCourseAuthor(actor, course);
}
