import { Injectable } from '@nestjs/common';
import { LearningPathService, type LearningPathItemResponse, type PathStatus } from '@schakel/catalogue';
import { CHAIN_ROLES, type ChainRole } from '@schakel/common';
import { MyEnrolmentsQueryDto, MyEnrolmentsService, type MyEnrolmentResponse } from '@schakel/enrolment';
import type { AuthUser } from '@schakel/identity';
import { OrganisationService } from '@schakel/organisation';

const OPEN = ['active', 'confirmed', 'waitlisted'];

/** One course on one of the person's paths, with her own standing in it. */
export interface PathStep {
  course: LearningPathItemResponse;
  status: PathStatus;
  /** Her open enrolment in the course, if any. */
  enrolment: MyEnrolmentResponse | null;
}

export interface MyPath {
  role: ChainRole;
  steps: PathStep[];
}

/** What to do next: the first step on her paths that is not done yet. */
export type NextStep = { kind: 'continue' | 'session'; step: PathStep; enrolmentId: string } | { kind: 'start'; step: PathStep };

/**
 * "Mijn leerpad": her chain roles (from her active memberships), each role's learning path
 * with her status and progress per course, and the next step. Reads only through the
 * domain services the JSON routes use.
 */
@Injectable()
export class MyPathQuery {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly paths: LearningPathService,
    private readonly enrolments: MyEnrolmentsService,
  ) {}

  async forLearner(user: AuthUser): Promise<{ paths: MyPath[]; next: NextStep | null }> {
    const memberships = await this.organisations.activeMembershipsOf(user.id);
    const held = new Set(memberships.flatMap((m) => m.chainRoles));
    const roles = CHAIN_ROLES.filter((role) => held.has(role));
    if (roles.length === 0) return { paths: [], next: null };
    const query = Object.assign(new MyEnrolmentsQueryDto(), { limit: 100, offset: 0 });
    const [mine, ...forRoles] = await Promise.all([this.enrolments.list(user, query), ...roles.map((role) => this.paths.forRole(user, role))]);
    const openByCourse = new Map(mine.items.filter((e) => OPEN.includes(e.status)).map((e) => [e.courseId, e]));
    const paths = forRoles.map((path, i) => ({
      role: roles[i],
      steps: path.items.map((course) => ({ course, status: course.myStatus ?? 'not-started', enrolment: openByCourse.get(course.id) ?? null })),
    }));
    return { paths, next: nextStep(paths) };
  }
}

function nextStep(paths: MyPath[]): NextStep | null {
  for (const step of paths.flatMap((p) => p.steps)) {
    if (step.status === 'completed' || step.status === 'certified') continue;
    const { enrolment } = step;
    if (!enrolment) return { kind: 'start', step };
    const onlineLeft = step.course.format !== 'live' && enrolment.status !== 'waitlisted' && !onlinePartDone(enrolment);
    return { kind: onlineLeft ? 'continue' : 'session', step, enrolmentId: enrolment.id };
  }
  return null;
}

export const onlinePartDone = (e: MyEnrolmentResponse): boolean =>
  e.progress.lessonsCompleted >= e.progress.lessonCount && (!e.progress.hasQuiz || e.progress.quizPassed);
