import { Controller, Get, Header, HttpCode, Module, Post, Query } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { CancellationService, EnrolmentModule, EnrolmentRepository } from '@schakel/enrolment';
import { IdentityModule, Public, UserRepository } from '@schakel/identity';
import { UnsubscribeQueryDto } from './dto/preferences.dto';
import { WelcomeController } from './welcome.controller';
import { BUTTON_STYLE, escapeHtml as escape, htmlPage as page } from './link-page';
import { LinkSigner } from '@schakel/web';
import { MessagingError } from './messaging.exception';

const TEXT = {
  nl: {
    askTitle: 'Afmelden voor een training',
    ask: (course: string) => `<h1>Wilt u zich afmelden?</h1><p>U meldt zich af voor <strong>${course}</strong>. Uw plek gaat dan naar iemand op de wachtlijst.</p>`,
    button: 'Ja, meld mij af',
    doneTitle: 'Afgemeld',
    done: (course: string) => `<h1>U bent afgemeld</h1><p>U bent afgemeld voor <strong>${course}</strong>. U krijgt hierover nog een e-mail.</p>`,
    already: (course: string) => `<h1>U was al afgemeld</h1><p>Voor <strong>${course}</strong> bent u al afgemeld.</p>`,
  },
  en: {
    askTitle: 'Cancel your place',
    ask: (course: string) => `<h1>Do you want to cancel?</h1><p>You are cancelling your place in <strong>${course}</strong>. Your seat then goes to someone on the waiting list.</p>`,
    button: 'Yes, cancel my place',
    doneTitle: 'Cancelled',
    done: (course: string) => `<h1>Your place is cancelled</h1><p>You are no longer enrolled in <strong>${course}</strong>. You will get an e-mail about it.</p>`,
    already: (course: string) => `<h1>Already cancelled</h1><p>Your place in <strong>${course}</strong> was already cancelled.</p>`,
  },
} as const;

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
    private readonly enrolments: EnrolmentRepository,
    private readonly users: UserRepository,
    private readonly cancellation: CancellationService,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  async ask(@Query() query: UnsubscribeQueryDto): Promise<string> {
    const { text, course, enrolment, lang } = await this.resolve(query.token);
    if (enrolment.status === 'cancelled') return page(lang, text.doneTitle, text.already(course));
    const action = `?token=${encodeURIComponent(query.token)}`;
    return page(
      lang,
      text.askTitle,
      `${text.ask(course)}<form method="post" action="${escape(action)}">` +
        `<button type="submit" style="${BUTTON_STYLE}">${text.button}</button></form>`,
    );
  }

  @Post()
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  async cancel(@Query() query: UnsubscribeQueryDto): Promise<string> {
    const { text, course, enrolment, lang, user } = await this.resolve(query.token);
    if (enrolment.status === 'cancelled') return page(lang, text.doneTitle, text.already(course));
    await this.cancellation.cancel({ id: user.id, email: user.email, name: user.name, locale: user.locale, isPlatformAdmin: false }, enrolment.id);
    return page(lang, text.doneTitle, text.done(course));
  }

  private async resolve(token: string) {
    const enrolmentId = this.links.verify('cancel', token);
    const enrolment = enrolmentId ? await this.enrolments.findWithCourse(enrolmentId) : null;
    const user = enrolment ? await this.users.findById(enrolment.userId) : null;
    if (!enrolment || !user) throw MessagingError.badUnsubscribeToken();
    const lang = user.locale === 'en' ? 'en' : 'nl';
    return { enrolment, user, lang, text: TEXT[lang], course: escape(enrolment.course?.title ?? '') };
  }
}

/** Only the API serves the pages behind mail links; the worker does not need these modules. */
@Module({
  imports: [EnrolmentModule, IdentityModule],
  controllers: [CancelLinkController, WelcomeController],
})
export class CancelLinkModule {}
