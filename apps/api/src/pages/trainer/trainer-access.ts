import { Injectable } from '@nestjs/common';
import { AccessService } from '@schakel/access';
import type { AuthUser } from '@schakel/identity';
import { WebError } from '@schakel/web';

/**
 * The trainer pages exist only for people who train (a trainer in an organisation, a platform
 * trainer) and platform admins; anyone else gets the "niet gevonden" page, as for a missing page.
 */
@Injectable()
export class TrainerAccess {
  constructor(private readonly access: AccessService) {}

  async requireTrainer(user: AuthUser): Promise<void> {
    if (user.isPlatformAdmin) return;
    if (!(await this.access.staffRoles(user)).trains) throw WebError.notFound();
  }

  /** Authoring is for platform trainers and platform admins (the catalogue is platform-wide). */
  async requireAuthor(user: AuthUser): Promise<void> {
    if (!(await this.access.isPlatformTrainer(user))) throw WebError.notFound();
  }

  /** Organisations the trainer may plan an in-company session for (trainer or org-admin there). */
  organisationIds(user: AuthUser): Promise<string[]> {
    return this.access.organisationIds(user.id, ['trainer', 'org-admin']);
  }
}
