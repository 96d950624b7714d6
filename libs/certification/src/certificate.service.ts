import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '@schakel/access';
import { AuditLog } from '@schakel/audit';
import type { Page } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { UnitOfWork } from '@schakel/jobs';
import { CODE_LENGTH, formatCertificateCode, normaliseCertificateCode } from './certificate-code';
import { CertificateRepository, type CertificateWithNames } from './certificate.repository';
import { CertificationError } from './certification.exception';
import { toCertificateResponse, type CertificateResponse } from './dto/certificate.dto';
import { CertificateRenderer } from './render/certificate.renderer';
import { CERTIFICATE_STORAGE, type CertificateStorage } from './storage/certificate.storage';

export interface CertificatePdf {
  pdf: Buffer;
  fileName: string;
}

/** Certificates as their holders, their organisations' admins and platform admins see them. */
@Injectable()
export class CertificateService {
  constructor(
    private readonly certificates: CertificateRepository,
    private readonly renderer: CertificateRenderer,
    @Inject(CERTIFICATE_STORAGE) private readonly storage: CertificateStorage,
    private readonly access: AccessService,
    private readonly audit: AuditLog,
    private readonly work: UnitOfWork,
  ) {}

  async listMine(user: AuthUser, limit: number, offset: number): Promise<Page<CertificateResponse>> {
    const page = await this.certificates.pageForUser(user.id, limit, offset);
    return { items: page.items.map((c) => this.toResponse(c)), total: page.total };
  }

  async get(user: AuthUser, id: string): Promise<CertificateResponse> {
    return this.toResponse(await this.readable(user, id));
  }

  async pdf(user: AuthUser, id: string): Promise<CertificatePdf> {
    const { certificate } = await this.readable(user, id);
    if (certificate.state !== 'issued' || !certificate.pdfKey) throw CertificationError.pdfNotReady();
    const pdf = await this.storage.get(certificate.pdfKey);
    if (!pdf) throw new Error(`certificate ${id} is issued but its PDF ${certificate.pdfKey} is missing from storage`);
    return { pdf, fileName: `certificaat-${formatCertificateCode(certificate.code)}.pdf` };
  }

  /** Platform admins only (the route says so): certificates by code, or by their holder's name or e-mail. */
  async search(text: string, limit = 25): Promise<CertificateResponse[]> {
    const trimmed = text.trim().slice(0, 200);
    if (trimmed.length < 2) return [];
    const code = normaliseCertificateCode(trimmed);
    const rows = await this.certificates.search({ code: code.length === CODE_LENGTH ? code : null, text: trimmed }, limit);
    return rows.map((c) => this.toResponse(c));
  }

  /** Platform admins only (the route says so); everyone who verifies sees the reason from now on. Audited. */
  async revoke(actor: AuthUser, id: string, reason: string): Promise<CertificateResponse> {
    const revoked = await this.work.run(async ({ manager, publish }) => {
      const holderId = await this.certificates.revoke(manager, id, reason);
      if (!holderId) return false;
      await publish('certificate.revoked', { certificateId: id, userId: holderId });
      await this.audit.record(manager, { actorId: actor.id, action: 'certificate.revoked', subjectType: 'certificate', subjectId: id, details: { reason } });
      return true;
    });
    if (!revoked) {
      if (!(await this.certificates.findWithNames({ id }))) throw CertificationError.notFound();
      throw CertificationError.alreadyRevoked();
    }
    const found = await this.certificates.findWithNames({ id });
    if (!found) throw CertificationError.notFound();
    return this.toResponse(found);
  }

  /**
   * The holder, an org admin of the organisation that owns the enrolment it certifies, or a
   * platform admin; anyone else gets the same 404 as for a certificate that does not exist.
   */
  private async readable(user: AuthUser, id: string): Promise<CertificateWithNames> {
    const found = await this.certificates.findWithNames({ id });
    if (!found) throw CertificationError.notFound();
    const holderId = found.certificate.userId;
    if (user.id === holderId || user.isPlatformAdmin) return found;
    const organisationId = await this.certificates.owningOrganisation(found.certificate.id);
    if (await this.access.mayActOnRecord(user, { personId: holderId, organisationId })) return found;
    throw CertificationError.notFound();
  }

  private toResponse(found: CertificateWithNames): CertificateResponse {
    return toCertificateResponse(found, this.renderer.verifyUrl(found.certificate.code));
  }
}
