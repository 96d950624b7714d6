import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Page } from '@schakel/common';
import { Organisation } from './entities/organisation.entity';

@Injectable()
export class OrganisationRepository {
  constructor(@InjectRepository(Organisation) private readonly organisations: Repository<Organisation>) {}

  findById(id: string): Promise<Organisation | null> {
    return this.organisations.findOneBy({ id });
  }

  insert(manager: EntityManager, organisation: Pick<Organisation, 'name' | 'kind'> & Partial<Pick<Organisation, 'address'>>): Promise<Organisation> {
    const repo = manager.getRepository(Organisation);
    return repo.save(repo.create(organisation));
  }

  async lockForUpdate(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT id FROM organisations WHERE id = $1 FOR UPDATE`, [id]);
  }

  async page(limit: number, offset: number, onlyIds?: string[]): Promise<Page<Organisation>> {
    const query = this.organisations.createQueryBuilder('o').orderBy('o.name', 'ASC').addOrderBy('o.id').take(limit).skip(offset);
    if (onlyIds) query.where('o.id = ANY(:ids)', { ids: onlyIds });
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }
}
