import { Injectable } from '@nestjs/common';
import { CHAIN_ROLES, type ChainRole } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { CatalogueError } from './catalogue.exception';
import { CourseRepository } from './course.repository';
import type { LearningPathResponse } from './dto/learning-path.dto';
import { orderByPrerequisites } from './learning-path.rules';
import { LearningPathRepository } from './learning-path.repository';

const isChainRole = (value: string): value is ChainRole => (CHAIN_ROLES as readonly string[]).includes(value);

@Injectable()
export class LearningPathService {
  constructor(
    private readonly courses: CourseRepository,
    private readonly paths: LearningPathRepository,
  ) {}

  /** The role's published courses, with what they require first, in an order a learner can follow. */
  async forRole(user: AuthUser | undefined, chainRole: string): Promise<LearningPathResponse> {
    if (!isChainRole(chainRole)) throw CatalogueError.unknownChainRole(chainRole, CHAIN_ROLES);
    const ordered = orderByPrerequisites(await this.courses.publishedForRoleWithPrerequisites(chainRole));
    const statuses = user ? await this.paths.statuses(user.id, ordered.map((c) => c.id)) : undefined;
    return {
      chainRole,
      items: ordered.map((course, i) => ({
        ...course,
        step: i + 1,
        forRole: course.chainRoles.includes(chainRole),
        ...(statuses ? { myStatus: statuses.get(course.id) ?? 'not-started' } : {}),
      })),
    };
  }
}
