import { Injectable } from '@nestjs/common';
import { formatDate, type Locale } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { MembershipRepository, OrganisationService, toMemberResponse, type MemberQueryDto, type MemberResponse } from '@schakel/organisation';
import { PageRenderer, WebError, type FieldError } from '@schakel/web';
import { CourseOptionsQuery } from './course-options.query';
import { chainRoleChoices, memberView, roleChoices } from './member-form';
import { OrgOverviewQuery } from './org-overview.query';
import type { OrgRef } from './org-page.access';

const MEMBERS_LISTED = 100;

/** What a form on the "Leden" page sent back, to show again with its problems. */
export interface MembersPageForms {
  invite?: { name?: string; email?: string; locale?: string; roles?: string[]; chainRoles?: string[] };
  enrol?: { member?: string; choice?: string; licence?: string };
  errors?: FieldError[];
  fieldErrors?: Record<string, string>;
  problem?: string;
}

/** The "Leden" page's data: members and pending invitations, the invite form and the enrol form. */
@Injectable()
export class OrgMembersQuery {
  constructor(
    private readonly pages: PageRenderer,
    private readonly organisations: OrganisationService,
    private readonly memberships: MembershipRepository,
    private readonly overview: OrgOverviewQuery,
    private readonly courses: CourseOptionsQuery,
  ) {}

  async page(user: AuthUser, org: OrgRef, lang: Locale, forms: MembersPageForms = {}): Promise<Record<string, unknown>> {
    const page = await this.organisations.listMembers(user, org.id, { limit: MEMBERS_LISTED, offset: 0 } as MemberQueryDto);
    const all = page.items.map(toMemberResponse).map((m) => memberView(this.pages, lang, m, formatDate(new Date(m.createdAt), lang)));
    const [choices, licences] = await Promise.all([
      this.courses.enrolChoices(user, lang, (title) => this.pages.word(lang, 'org.enrol.online', { title })),
      this.overview.licenceViews(user, org.id, lang),
    ]);
    const invite = forms.invite ?? { roles: ['learner'], chainRoles: [] };
    const enrol = forms.enrol ?? {};
    return {
      org,
      members: all.filter((m) => !m.pending),
      pending: all.filter((m) => m.pending),
      more: page.total > page.items.length ? this.pages.word(lang, 'org.members.more', { shown: page.items.length, total: page.total }) : null,
      invite: { ...invite, roleChoices: roleChoices(this.pages, lang, invite.roles ?? []), chainRoleChoices: chainRoleChoices(this.pages, lang, invite.chainRoles ?? []) },
      enrol: {
        ...enrol,
        members: all.filter((m) => !m.pending).map((m) => ({ value: m.userId, label: `${m.name} (${m.email})`, selected: m.userId === enrol.member })),
        choices: choices.map((c) => ({ ...c, selected: c.value === enrol.choice })),
        licences: licences.filter((l) => l.valid && l.left > 0).map((l) => ({
          value: l.id,
          label: this.pages.word(lang, 'org.enrol.licenceOption', { course: l.course, left: l.left }),
          selected: l.id === enrol.licence,
        })),
      },
      errors: forms.errors ?? [],
      fieldErrors: forms.fieldErrors ?? {},
      problem: forms.problem,
    };
  }

  /** One member of the organisation (after the page's access check), or the "niet gevonden" page. */
  async member(orgId: string, userId: string): Promise<MemberResponse> {
    const membership = await this.memberships.findWithUser(orgId, userId);
    if (!membership) throw WebError.notFound();
    return toMemberResponse(membership);
  }
}
