import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CHAIN_ROLES } from '@schakel/common';
import { Authenticated } from '@schakel/identity';
import { HtmlPage, Page, PageContext, PageRenderer } from '@schakel/web';
import { MyPathQuery, onlinePartDone, type NextStep, type PathStep } from './my-path.query';
import { signedIn } from './signed-in';

const TONES = { 'not-started': 'neutral', 'in-progress': 'warning', completed: 'ok', certified: 'ok' } as const;

/** "Mijn leerpad" (/me): her roles and their paths with progress, and what to do next. */
@ApiExcludeController()
@Controller('me')
export class MyPathPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly myPath: MyPathQuery,
  ) {}

  @Get()
  @Authenticated()
  @HtmlPage()
  async show(@Page() page: PageContext): Promise<string> {
    const word = (path: string, values?: Record<string, unknown>) => this.pages.word(page.lang, path, values);
    const { paths, next } = await this.myPath.forLearner(signedIn(page));
    const roles = CHAIN_ROLES.map((role) => ({ role, name: word(`chainRoles.${role}`), description: word(`chainRoleDescriptions.${role}`) }));
    return this.pages.render(
      'me',
      page.view(word('myPath.title'), {
        hasRoles: paths.length > 0,
        roles,
        next: next && nextView(next),
        paths: paths.map((path) => ({ role: path.role, name: word(`chainRoles.${path.role}`), items: path.steps.map((step) => this.stepView(step, word)) })),
      }),
    );
  }

  private stepView(step: PathStep, word: (path: string, values?: Record<string, unknown>) => string) {
    const { course, enrolment } = step;
    const learns = !!enrolment && course.format !== 'live' && enrolment.progress.lessonCount > 0;
    const { lessonsCompleted: done, lessonCount: total } = enrolment?.progress ?? { lessonsCompleted: 0, lessonCount: 0 };
    return {
      title: course.title,
      slug: course.slug,
      statusText: word(`myPath.status.${step.status}`),
      statusTone: TONES[step.status],
      progress: learns ? { percent: Math.round((done * 100) / total), label: word('myPath.lessonsDone', { done, total }) } : null,
      learnHref: learns && enrolment && !onlinePartDone(enrolment) ? `/learn/${enrolment.id}` : null,
    };
  }
}

function nextView(next: NextStep) {
  const course = next.step.course.title;
  if (next.kind === 'start') return { course, href: `/courses/${encodeURIComponent(next.step.course.slug)}` };
  if (next.kind === 'session') return { course, session: true };
  return { course, continue: true, href: `/learn/${next.enrolmentId}` };
}
