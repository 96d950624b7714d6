import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@schakel/identity';
import { LicenceListResponse, toLicenceResponse } from '../dto/licence.dto';
import { OrderAccess } from '../orders/order-access';
import { LicenceRepository } from './licence.repository';

@Injectable()
export class LicenceService {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly access: OrderAccess,
  ) {}

  async list(actor: AuthUser, organisationId: string): Promise<LicenceListResponse> {
    await this.access.requireOrganisationAdmin(actor, organisationId);
    const items = (await this.licences.listForOrganisation(organisationId)).map((l) => toLicenceResponse(l));
    return { items, total: items.length };
  }
}
