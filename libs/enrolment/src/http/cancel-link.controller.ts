import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Locale } from '@schakel/common';
import { Public, UserRepository, type User } from '@schakel/identity';
import { HtmlPage, LinkForm, LinkSigner, Page, PageContext, PageRenderer, WebError } from '@schakel/web';
import { CancellationService } from '../cancel/cancellation.service';
import { CancelLinkQueryDto } from '../dto/cancel-link.dto';
import { EnrolmentRepository } from '../enrolment.repository';
import type { Enrolment } from '../entities/enrolment.entity';

type CancelPageState = 'ask' | 'done' | 'already';

/**
 * The one-click cancel link in enrolment mails. Opening the link only asks (mail scanners
 * follow links); the button posts the form, which cancels as the learner herself, with the
 * same seat and waitlist rules as POST /api/enrolments/:id/cancel.
 */
@ApiTags('enrolments')
@Controller('cancel-enrolment')
export class CancelLinkController {
  constructor(
    private readonly links: LinkSigner,
    private readonly pages: PageRenderer,
    private readonly enrolments: EnrolmentRepository,
    private readonly users: UserRepository,
    private readonly cancellation: CancellationService,
  ) {}

  @Get()
  @Public()
  @HtmlPage()
  async ask(@Page() page: PageContext, @Query() query: CancelLinkQueryDto): Promise<string> {
    const { enrolment, user } = await this.resolve(query.token);
    return this.page(page, user, enrolment, query.token, enrolment.status === 'cancelled' ? 'already' : 'ask');
  }

  @Post()
  @LinkForm()
  @Public()
  @HttpCode(200)
  @HtmlPage()
  async cancel(@Page() page: PageContext, @Query() query: CancelLinkQueryDto): Promise<string> {
    const { enrolment, user } = await this.resolve(query.token);
    if (enrolment.status === 'cancelled') return this.page(page, user, enrolment, query.token, 'already');
    await this.cancellation.cancel({ id: user.id, email: user.email, name: user.name, locale: user.locale, isPlatformAdmin: false }, enrolment.id);
    return this.page(page, user, enrolment, query.token, 'done');
  }

  // In the learner's language (the mail's), whoever opens the link.
  private page(page: PageContext, user: User, enrolment: Enrolment, token: string, state: CancelPageState): string {
    const lang: Locale = user.locale === 'en' ? 'en' : 'nl';
    const view = page.view(this.pages.word(lang, state === 'ask' ? 'cancelEnrolment.askTitle' : 'cancelEnrolment.doneTitle'), {
      noindex: true,
      state,
      course: enrolment.course?.title ?? '',
      action: `?token=${encodeURIComponent(token)}`,
    });
    return this.pages.render('cancel-enrolment', Object.assign(view, { lang, otherLang: lang === 'nl' ? 'en' : 'nl' }));
  }

  private async resolve(token: string): Promise<{ enrolment: Enrolment; user: User }> {
    const enrolmentId = this.links.verify('cancel', token);
    const enrolment = enrolmentId ? await this.enrolments.findWithCourse(enrolmentId) : null;
    const user = enrolment ? await this.users.findById(enrolment.userId) : null;
    if (!enrolment || !user) throw WebError.unknownLink();
    return { enrolment, user };
  }
}
