import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Page } from '@schakel/common';
import { AuditEntry, type AuditAction } from './entities/audit-entry.entity';

export type NewAuditEntry = Pick<AuditEntry, 'actorId' | 'action' | 'subjectType' | 'subjectId'> & Partial<Pick<AuditEntry, 'organisationId' | 'details'>>;

/**
 * Writes and reads the audit log. Callers pass their transaction's manager, so the entry
 * commits (or rolls back) with the change it records.
 */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager | null, entry: NewAuditEntry): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, organisation_id, details) VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.actorId, entry.action, entry.subjectType, entry.subjectId, entry.organisationId ?? null, JSON.stringify(entry.details ?? {})],
    );
  }

  /** The newest entries with the name of who did it, for the platform admin's page. */
  async latestWithActors(limit: number, offset: number): Promise<Page<AuditEntry & { actorName: string | null }>> {
    const page = await this.page({ limit, offset });
    const ids = [...new Set(page.items.map((e) => e.actorId).filter((id): id is string => id !== null))];
    const names = new Map(
      ((await this.dataSource.query(`SELECT id, name FROM users WHERE id = ANY($1::uuid[])`, [ids])) as Array<{ id: string; name: string }>).map((u) => [u.id, u.name]),
    );
    return { items: page.items.map((e) => Object.assign(e, { actorName: e.actorId ? (names.get(e.actorId) ?? null) : null })), total: page.total };
  }

  /** Many entries in one statement (an import batch's members), in the caller's transaction. */
  async recordMany(manager: EntityManager, entries: readonly NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.query(
      `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, organisation_id, details)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::jsonb[])`,
      [entries.map((e) => e.actorId), entries.map((e) => e.action), entries.map((e) => e.subjectType), entries.map((e) => e.subjectId),
        entries.map((e) => e.organisationId ?? null), entries.map((e) => JSON.stringify(e.details ?? {}))],
    );
  }

  /**
   * The newest entry of one kind about one subject in an organisation, read in the caller's
   * transaction (a rule that counts earlier entries, such as how often an invitation was resent).
   */
  async latestAbout(manager: EntityManager, about: { action: AuditAction; organisationId: string; subjectId: string }): Promise<Pick<AuditEntry, 'createdAt' | 'details'> | null> {
    const rows = (await manager.query(
      `SELECT created_at, details FROM audit_log WHERE action = $1 AND organisation_id = $2 AND subject_id = $3 ORDER BY created_at DESC LIMIT 1`,
      [about.action, about.organisationId, about.subjectId],
    )) as Array<{ created_at: Date; details: Record<string, unknown> }>;
    return rows[0] ? { createdAt: rows[0].created_at, details: rows[0].details } : null;
  }

  async page(filter: { limit: number; offset: number; action?: string }): Promise<Page<AuditEntry>> {
    const [items, total] = await this.dataSource.getRepository(AuditEntry).findAndCount({
      where: filter.action ? { action: filter.action as AuditEntry['action'] } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }
}
