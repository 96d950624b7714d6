import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UuidParam } from '@schakel/common';
import { AppConfig } from '@schakel/config';
import { Public } from '@schakel/identity';
import { CaughtMail } from './entities/caught-mail.entity';
import { escapeHtml as escape } from './link-page';
import { MessagingError } from './messaging.exception';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>` +
  `<style>body{font-family:Arial,sans-serif;margin:2em;}table{border-collapse:collapse}td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}` +
  `iframe{width:100%;height:32em;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}</style></head><body>${body}</body></html>`;

/**
 * Development only (NODE_ENV is not production): the mail the worker would have sent,
 * when no SMTP_URL is configured. Read from PostgreSQL, so every worker's mail shows.
 */
@ApiExcludeController()
@Controller('dev/mail')
export class DevMailController {
  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async list(): Promise<string> {
    this.requireDevelopment();
    const mails = await this.dataSource.getRepository(CaughtMail).find({
      select: { id: true, recipient: true, subject: true, createdAt: true, attachments: true },
      order: { createdAt: 'DESC' },
      take: 200,
    });
    const rows = mails
      .map(
        (m) =>
          `<tr><td>${m.createdAt.toISOString()}</td><td>${escape(m.recipient)}</td>` +
          `<td><a href="/dev/mail/${m.id}">${escape(m.subject)}</a></td><td>${m.attachments.map((a) => escape(a.filename)).join(', ')}</td></tr>`,
      )
      .join('');
    const note = this.config.smtpUrl ? '<p>SMTP_URL is set: new mail goes to that server, not here.</p>' : '';
    return page(
      'Caught mail',
      `<h1>Caught mail (${mails.length})</h1>${note}<p>Without SMTP_URL the worker keeps mail here instead of sending it.</p>` +
        `<table><tr><th>when</th><th>to</th><th>subject</th><th>attachments</th></tr>${rows}</table>`,
    );
  }

  @Get(':mailId')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async view(@UuidParam('mailId') mailId: string): Promise<string> {
    this.requireDevelopment();
    const mail = await this.dataSource.getRepository(CaughtMail).findOneBy({ id: mailId });
    if (!mail) throw MessagingError.notFound();
    return page(
      mail.subject,
      `<p><a href="/dev/mail">← all mail</a></p><h1>${escape(mail.subject)}</h1><p>To: ${escape(mail.recipient)}<br>` +
        `Sent: ${mail.createdAt.toISOString()}<br>Attachments: ${mail.attachments.map((a) => `${escape(a.filename)} (${a.size} bytes)`).join(', ') || 'none'}</p>` +
        `<h2>HTML</h2><iframe sandbox srcdoc="${escape(mail.html)}"></iframe><h2>Text</h2><pre>${escape(mail.text)}</pre>` +
        `<h2>Message source</h2><pre>${escape(mail.raw)}</pre>`,
    );
  }

  private requireDevelopment(): void {
    if (this.config.nodeEnv === 'production') throw MessagingError.notFound();
  }
}
