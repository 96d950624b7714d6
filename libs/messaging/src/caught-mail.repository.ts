import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaughtMail } from './entities/caught-mail.entity';

export type CaughtMailSummary = Pick<CaughtMail, 'id' | 'recipient' | 'subject' | 'createdAt' | 'attachments'>;

/** The development mail page's reads (MailerService writes the rows). */
@Injectable()
export class CaughtMailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  latest(limit: number): Promise<CaughtMailSummary[]> {
    return this.dataSource.getRepository(CaughtMail).find({
      select: { id: true, recipient: true, subject: true, createdAt: true, attachments: true },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  findById(id: string): Promise<CaughtMail | null> {
    return this.dataSource.getRepository(CaughtMail).findOneBy({ id });
  }
}
