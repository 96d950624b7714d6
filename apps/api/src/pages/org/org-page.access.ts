import { Injectable, Param, ParseUUIDPipe } from '@nestjs/common';
import { AccessService } from '@schakel/access';
import type { AuthUser } from '@schakel/identity';
import { OrganisationService } from '@schakel/organisation';
import { WebError } from '@schakel/web';

export interface OrgRef {
  id: string;
  name: string;
}

/**
 * The organisation-admin pages open only for the organisation's org-admins (and platform
 * admins), the same rule as the JSON routes. A learner of the organisation (403) and anyone
 * else (404) both get the "niet gevonden" page from the exception filter, before any form is
 * read, so a refused person learns nothing from a form's errors either.
 */
@Injectable()
export class OrgPageAccess {
  constructor(
    private readonly access: AccessService,
    private readonly organisations: OrganisationService,
  ) {}

  async organisation(user: AuthUser, orgId: string): Promise<OrgRef> {
    await this.access.requireRole(user, orgId, ['org-admin']);
    const organisation = await this.organisations.get(user, orgId);
    return { id: organisation.id, name: organisation.name };
  }
}

/** A path id on a page: anything but a UUID is the "niet gevonden" page (not a 400 about the address). */
export const PageId = (name: string) => Param(name, new ParseUUIDPipe({ exceptionFactory: () => WebError.notFound() }));
