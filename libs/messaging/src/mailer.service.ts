import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { DataSource } from 'typeorm';
import { AppConfig } from '@schakel/config';
import { CaughtMail } from './entities/caught-mail.entity';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: Array<{ filename: string; content: string | Buffer; contentType: string }>;
  /** Stable per delivery, so a mail client folds an (impossible) duplicate into one. */
  messageId: string;
}

/**
 * Sends over SMTP_URL; without it (development) the message is built exactly as it
 * would be sent and kept in caught_mails, shown on GET /dev/mail.
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailerService.name);
  private readonly transport: Transporter;
  private readonly catching: boolean;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.catching = !config.smtpUrl;
    // A small pool of reused connections: a storm's confirmations do not pay a TCP and SMTP
    // handshake each. A connection that broke (the server went away) is dropped by the pool and
    // the failed send is retried by BullMQ on a fresh one.
    this.transport = config.smtpUrl
      ? createTransport({
          url: config.smtpUrl,
          pool: true,
          maxConnections: 4,
          maxMessages: 200,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        } as SMTPTransport.Options)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      messageId: mail.messageId,
      attachments: mail.attachments,
    });
    if (!this.catching) return;
    const raw = (info as { message?: Buffer }).message?.toString('utf8') ?? '';
    await this.dataSource.getRepository(CaughtMail).insert({
      messageId: mail.messageId,
      recipient: `${mail.to.name} <${mail.to.address}>`,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      raw,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.content) })),
    });
    this.logger.log(`caught mail "${mail.subject}" for ${mail.to.address} (see /dev/mail)`);
  }

  /**
   * Closed in the last shutdown phase, after the worker's GracefulShutdown has let the jobs in
   * flight finish (beforeApplicationShutdown). Closed in onModuleDestroy, which Nest runs
   * first, the pool refused the sends those jobs had still to make ("Connection pool was
   * closed"): every SIGTERM failed a few deliveries that were then retried by another worker.
   */
  onApplicationShutdown(): void {
    this.transport.close();
  }
}
