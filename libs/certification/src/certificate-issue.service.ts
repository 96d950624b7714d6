import { Inject, Injectable, Logger } from '@nestjs/common';
import { isUniqueViolation } from '@schakel/common';
import { UnitOfWork } from '@schakel/jobs';
import { generateCertificateCode } from './certificate-code';
import { CertificateRepository, type CompletionToCertify, type CourseToCertify } from './certificate.repository';
import { Certificate } from './entities/certificate.entity';
import { CertificateRenderer, type CertificateContent } from './render/certificate.renderer';
import { CERTIFICATE_STORAGE, certificatePdfKey, type CertificateStorage } from './storage/certificate.storage';
import { computeValidity, RENEWAL_WINDOW_DAYS } from './validity.rules';

export type IssueOutcome = 'issued' | 'already-issued' | 'lost-race';

/**
 * Turns a completion into its one certificate: claim (a unique row), render, store, mark
 * issued. Every step can run again: the claim finds the row, the same row renders to the
 * same bytes under the same key, and only a pending row becomes issued.
 */
@Injectable()
export class CertificateIssueService {
  private readonly logger = new Logger(CertificateIssueService.name);

  constructor(
    private readonly certificates: CertificateRepository,
    private readonly renderer: CertificateRenderer,
    @Inject(CERTIFICATE_STORAGE) private readonly storage: CertificateStorage,
    private readonly work: UnitOfWork,
  ) {}

  async issue(completionId: string): Promise<IssueOutcome> {
    const completion = await this.certificates.findCompletion(completionId, RENEWAL_WINDOW_DAYS);
    if (!completion) throw new Error(`completion ${completionId} not found`);
    // The first attempt (almost every one) finds no certificate and skips the look.
    const existing = completion.claimed ? await this.certificates.findByCompletion(completionId) : null;
    const certificate = existing ?? (await this.claim(completion));
    if (certificate.state === 'issued') return 'already-issued';

    // Rendering and storing happen outside any transaction: nothing is locked meanwhile.
    const rendered = await this.renderer.render(await this.content(certificate, completion));
    const key = certificatePdfKey(certificate.id);
    await this.storage.put(key, rendered.pdf);

    // Marked issued and `certificate.issued` written in one statement; the relay is nudged after it.
    if (!(await this.certificates.markIssued(certificate.id, key, rendered.sha256))) return 'lost-race';
    this.work.eventsCommitted();
    return 'issued';
  }

  /** Claims the row (its validity from the course and the certificate it renews, both found with the completion). */
  private async claim(completion: CompletionToCertify): Promise<Certificate> {
    const { courses, renewable } = completion;
    const certified = this.required(courses, renewable?.courseId ?? completion.courseId);
    const validity = computeValidity({
      completedAt: completion.completedAt,
      validityMonths: certified.validityMonths,
      renewable,
    });
    for (let attempt = 1; ; attempt += 1) {
      try {
        const claimed = await this.certificates.claim({
          completionId: completion.completionId,
          userId: completion.userId,
          courseId: certified.id,
          code: generateCertificateCode(),
          ...validity,
          locale: completion.locale,
        });
        if (claimed) return claimed;
        break;
      } catch (error) {
        // 140 random bits make a clash practically impossible; if it happens, draw again.
        if (!isUniqueViolation(error, 'uq_certificates_code') || attempt >= 3) throw error;
        this.logger.warn(`certificate code clash for completion ${completion.completionId}, drawing a new code`);
      }
    }
    // Another job claimed it first: its row is the one to print.
    const certificate = await this.certificates.findByCompletion(completion.completionId);
    if (!certificate) throw new Error(`certificate for completion ${completion.completionId} vanished after its claim`);
    return certificate;
  }

  /** Everything printed comes from the stored row and the completion, so a retry prints the same. */
  private async content(certificate: Certificate, completion: CompletionToCertify): Promise<CertificateContent> {
    const needed = [certificate.courseId, completion.courseId];
    const known = completion.courses;
    // A retry whose certificate renews another course than the one found now looks its courses up.
    const courses = needed.every((id) => known.has(id)) ? known : await this.certificates.findCourses(needed);
    const certified = this.required(courses, certificate.courseId);
    const completed = this.required(courses, completion.courseId);
    return {
      code: certificate.code,
      locale: certificate.locale === 'en' ? 'en' : 'nl',
      holderName: completion.holderName,
      courseSlug: certified.slug,
      courseTitle: certified.title,
      refresherTitle: completed.id === certified.id ? null : completed.title,
      chainRoles: certified.chainRoles,
      dates: completion.meetingStarts.length > 0 ? completion.meetingStarts : [completion.completedAt],
      durationHours: completed.durationHours,
      trainerName: completion.trainerName,
      validFrom: certificate.validFrom,
      expiresAt: certificate.expiresAt,
      isRenewal: certificate.renewsCertificateId !== null,
      createdAt: certificate.createdAt,
    };
  }

  private required(courses: Map<string, CourseToCertify>, id: string): CourseToCertify {
    const course = courses.get(id);
    if (!course) throw new Error(`course ${id} not found`);
    return course;
  }
}
