import { Injectable } from '@nestjs/common';
import { CourseService, type CourseSummaryResponse } from '@schakel/catalogue';
import { formatMeeting, type Locale } from '@schakel/common';
import type { AuthUser } from '@schakel/identity';
import { SessionService, type SessionQueryDto } from '@schakel/session';

export interface CourseOption {
  id: string;
  title: string;
  format: CourseSummaryResponse['format'];
}

/** One choice of the enrol form: a course's online module (`courseId`) or one of its sessions (`courseId:sessionId`). */
export interface EnrolChoice {
  value: string;
  label: string;
}

const LISTED = 100;

/** The catalogue as the organisation-admin forms need it: courses to order or enrol in, and their titles. */
@Injectable()
export class CourseOptionsQuery {
  constructor(
    private readonly courses: CourseService,
    private readonly sessions: SessionService,
  ) {}

  /** Published courses, by title (the public catalogue's first page of 100). */
  async published(): Promise<CourseOption[]> {
    const page = JSON.parse((await this.courses.listJson({ limit: LISTED, offset: 0 })).body) as { items: CourseSummaryResponse[] };
    return page.items.map(({ id, title, format }) => ({ id, title, format }));
  }

  /** Each course id's title; one no longer published (archived) is looked up on its own. */
  async titles(user: AuthUser, courseIds: string[]): Promise<Map<string, string>> {
    const titles = new Map((await this.published()).map((c) => [c.id, c.title]));
    for (const id of new Set(courseIds)) {
      if (titles.has(id)) continue;
      const course = await this.courses.getReadable(user, id).catch(() => null);
      titles.set(id, course?.title ?? '—');
    }
    return titles;
  }

  /** The online modules and the upcoming sessions (open ones and her organisations' in-company ones) an admin can enrol a member in. */
  async enrolChoices(user: AuthUser, lang: Locale, onlineWord: (title: string) => string): Promise<EnrolChoice[]> {
    const now = new Date();
    const courses = await this.published();
    const query = { from: now.toISOString(), limit: LISTED, offset: 0 } as SessionQueryDto;
    const upcoming = (await this.sessions.list(user, query)).items.filter((s) => s.status === 'scheduled' && new Date(s.startsAt) > now);
    const choices: EnrolChoice[] = [];
    for (const course of courses) {
      if (course.format !== 'live') choices.push({ value: course.id, label: onlineWord(course.title) });
      for (const s of upcoming.filter((session) => session.courseId === course.id)) {
        const when = formatMeeting(new Date(s.startsAt), new Date(s.endsAt), lang, s.timezone);
        choices.push({ value: `${course.id}:${s.id}`, label: [course.title, when, s.location].filter(Boolean).join(' — ') });
      }
    }
    return choices;
  }
}
