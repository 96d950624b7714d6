import type { EntityManager } from 'typeorm';
import { DEMO_COURSES, type DemoCourse } from './demo-catalogue.data';

/**
 * Seeds the demo catalogue, idempotent by slug: a course that exists is left as it is
 * (an author may have changed it), only missing courses are created with their lessons
 * and quiz. Prerequisites are linked by slug. Sessions are not seeded here.
 */
export async function seedDemoCatalogue(manager: EntityManager, authorId: string | null): Promise<void> {
  const ids = new Map<string, string>();
  for (const course of DEMO_COURSES) {
    const created = await insertCourse(manager, course, authorId);
    if (created) await insertModule(manager, created, course);
    const [row] = (await manager.query(`SELECT id FROM courses WHERE slug = $1`, [course.slug])) as Array<{ id: string }>;
    ids.set(course.slug, row.id);
  }
  for (const course of DEMO_COURSES) {
    for (const slug of course.prerequisites) {
      await manager.query(
        `INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [ids.get(course.slug), ids.get(slug)],
      );
    }
  }
}

async function insertCourse(manager: EntityManager, c: DemoCourse, authorId: string | null): Promise<string | null> {
  const rows = (await manager.query(
    `INSERT INTO courses (slug, title, summary, language, chain_roles, format, status,
                          certificate_validity_months, pass_mark, duration_hours, created_by_id)
     VALUES ($1, $2, $3, 'nl', $4, $5, 'published', $6, $7, $8, $9)
     ON CONFLICT ON CONSTRAINT uq_courses_slug DO NOTHING
     RETURNING id`,
    [c.slug, c.title, c.summary, c.chainRoles, c.format, c.certificateValidityMonths, c.passMark, c.durationHours, authorId],
  )) as Array<{ id: string }>;
  return rows[0]?.id ?? null;
}

async function insertModule(manager: EntityManager, courseId: string, c: DemoCourse): Promise<void> {
  for (const [position, lesson] of c.lessons.entries()) {
    await manager.query(
      `INSERT INTO lessons (course_id, title, body, video_url, position) VALUES ($1, $2, $3, $4, $5)`,
      [courseId, lesson.title, lesson.body, lesson.videoUrl ?? null, position],
    );
  }
  if (!c.quiz) return;
  const questions = c.quiz.questions.map((q) => ({ ...q, kind: q.correct.length === 1 ? 'single' : 'multiple' }));
  await manager.query(
    `INSERT INTO quizzes (course_id, pass_mark, max_attempts, questions) VALUES ($1, $2, $3, $4)`,
    [courseId, c.quiz.passMark, c.quiz.maxAttempts, JSON.stringify(questions)],
  );
}
