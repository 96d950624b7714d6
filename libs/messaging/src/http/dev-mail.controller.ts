import { Controller, Get, Header, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiExcludeController } from '@nestjs/swagger';
import { UuidParam } from '@schakel/common';
import { AppConfig } from '@schakel/config';
import { Public } from '@schakel/identity';
import { PageRenderer } from '@schakel/web';
import { CaughtMailRepository } from '../caught-mail.repository';
import { MessagingError } from '../messaging.exception';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A developer's page: in English, whatever the mail's language. */
const LANG = 'en';

/**
 * The embedded development default only, from loopback only: the mail the worker would have sent,
 * when no SMTP_URL is configured. Read from PostgreSQL, so every worker's mail shows.
 */
@ApiExcludeController()
@Controller('dev/mail')
export class DevMailController {
  constructor(
    private readonly config: AppConfig,
    private readonly mails: CaughtMailRepository,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(@Req() request: Request): Promise<string> {
    this.requireDevelopment(request);
    const mails = await this.mails.latest(200);
    return this.pages.render('dev-mail-list', {
      lang: LANG,
      title: this.pages.word(LANG, 'devMail.listTitle'),
      smtpConfigured: Boolean(this.config.smtpUrl),
      count: mails.length,
      mails: mails.map((m) => ({
        id: m.id,
        sentAt: m.createdAt.toISOString(),
        recipient: m.recipient,
        subject: m.subject,
        attachments: m.attachments.map((a) => a.filename).join(', '),
      })),
    });
  }

  @Get(':mailId')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async view(@Req() request: Request, @UuidParam('mailId') mailId: string): Promise<string> {
    this.requireDevelopment(request);
    const mail = await this.mails.findById(mailId);
    if (!mail) throw MessagingError.notFound();
    return this.pages.render('dev-mail', {
      lang: LANG,
      title: mail.subject,
      subject: mail.subject,
      recipient: mail.recipient,
      sentAt: mail.createdAt.toISOString(),
      attachments: mail.attachments,
      html: mail.html,
      text: mail.text,
      raw: mail.raw,
    });
  }

  /**
   * Caught mail holds every invitation and password link: the page exists only in the embedded
   * development default and only for the machine itself. The socket's address, not req.ip,
   * so no X-Forwarded-For (trust proxy) can pretend to be local.
   */
  private requireDevelopment(request: Request): void {
    if (!this.config.embeddedDefault || !LOOPBACK.has(request.socket.remoteAddress ?? '')) throw MessagingError.notFound();
  }
}
