import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The learning core: courses with lessons and quizzes, live sessions with meetings,
 * enrolments with their progress, attendance and completions. The invariants live here:
 * never more confirmed than capacity, one open enrolment per person and course, a
 * gap-free unique waitlist, one attempt number per enrolment, one completion per enrolment.
 */
export class LearningCore1795447200000 implements MigrationInterface {
  name = 'LearningCore1795447200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "courses" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "slug" text NOT NULL,
      "title" text NOT NULL,
      "summary" text NOT NULL DEFAULT '',
      "language" text NOT NULL DEFAULT 'nl',
      "chain_roles" text array NOT NULL DEFAULT '{}',
      "format" text NOT NULL,
      "status" text NOT NULL DEFAULT 'draft',
      "certificate_validity_months" integer,
      "pass_mark" integer,
      "duration_hours" numeric(5,1),
      "renews_course_id" uuid,
      "created_by_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_courses" PRIMARY KEY ("id"),
      CONSTRAINT "uq_courses_slug" UNIQUE ("slug"),
      CONSTRAINT "fk_courses_renews" FOREIGN KEY ("renews_course_id") REFERENCES "courses"("id") ON DELETE SET NULL,
      CONSTRAINT "fk_courses_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
      CONSTRAINT "ck_courses_format" CHECK ("format" IN ('online', 'live', 'blended')),
      CONSTRAINT "ck_courses_status" CHECK ("status" IN ('draft', 'published', 'archived')),
      CONSTRAINT "ck_courses_language" CHECK ("language" IN ('nl', 'en')),
      CONSTRAINT "ck_courses_chain_roles"
        CHECK ("chain_roles" <@ ARRAY['first-conversation', 'deeper-conversation', 'intake-referral', 'coordinator']::text[]),
      CONSTRAINT "ck_courses_validity" CHECK ("certificate_validity_months" IS NULL OR "certificate_validity_months" > 0),
      CONSTRAINT "ck_courses_pass_mark" CHECK ("pass_mark" IS NULL OR "pass_mark" BETWEEN 0 AND 100)
    )`);
    await q.query(`CREATE INDEX "ix_courses_chain_roles" ON "courses" USING gin ("chain_roles")`);
    await q.query(`CREATE INDEX "ix_courses_published" ON "courses" ("format", "title") WHERE status = 'published'`);

    await q.query(`CREATE TABLE "course_prerequisites" (
      "course_id" uuid NOT NULL,
      "prerequisite_id" uuid NOT NULL,
      CONSTRAINT "pk_course_prerequisites" PRIMARY KEY ("course_id", "prerequisite_id"),
      CONSTRAINT "fk_course_prerequisites_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_course_prerequisites_prerequisite" FOREIGN KEY ("prerequisite_id") REFERENCES "courses"("id") ON DELETE RESTRICT,
      CONSTRAINT "ck_course_prerequisites_not_self" CHECK ("course_id" <> "prerequisite_id")
    )`);

    await q.query(`CREATE TABLE "lessons" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "title" text NOT NULL,
      "body" text NOT NULL DEFAULT '',
      "video_url" text,
      "position" integer NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_lessons" PRIMARY KEY ("id"),
      CONSTRAINT "fk_lessons_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE,
      CONSTRAINT "uq_lessons_course_position" UNIQUE ("course_id", "position") DEFERRABLE INITIALLY IMMEDIATE,
      CONSTRAINT "ck_lessons_position" CHECK ("position" >= 0)
    )`);

    await q.query(`CREATE TABLE "quizzes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "pass_mark" integer NOT NULL,
      "max_attempts" integer,
      "questions" jsonb NOT NULL DEFAULT '[]',
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_quizzes" PRIMARY KEY ("id"),
      CONSTRAINT "uq_quizzes_course" UNIQUE ("course_id"),
      CONSTRAINT "fk_quizzes_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_quizzes_pass_mark" CHECK ("pass_mark" BETWEEN 0 AND 100),
      CONSTRAINT "ck_quizzes_max_attempts" CHECK ("max_attempts" IS NULL OR "max_attempts" > 0)
    )`);

    await q.query(`CREATE TABLE "sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "course_id" uuid NOT NULL,
      "title" text,
      "timezone" text NOT NULL DEFAULT 'Europe/Amsterdam',
      "location" text,
      "online_url" text,
      "capacity" integer NOT NULL,
      "confirmed_count" integer NOT NULL DEFAULT 0,
      "waitlist_count" integer NOT NULL DEFAULT 0,
      "visibility" text NOT NULL DEFAULT 'open',
      "organisation_id" uuid,
      "enrolment_deadline" TIMESTAMP WITH TIME ZONE,
      "status" text NOT NULL DEFAULT 'scheduled',
      "sequence" integer NOT NULL DEFAULT 0,
      "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "created_by_id" uuid,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_sessions" PRIMARY KEY ("id"),
      CONSTRAINT "fk_sessions_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_sessions_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_sessions_created_by" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
      CONSTRAINT "ck_sessions_capacity" CHECK ("capacity" > 0),
      CONSTRAINT "ck_sessions_not_overbooked" CHECK ("confirmed_count" >= 0 AND "confirmed_count" <= "capacity"),
      CONSTRAINT "ck_sessions_waitlist_count" CHECK ("waitlist_count" >= 0),
      CONSTRAINT "ck_sessions_visibility" CHECK ("visibility" IN ('open', 'in-company')),
      CONSTRAINT "ck_sessions_in_company_organisation" CHECK ("visibility" = 'open' OR "organisation_id" IS NOT NULL),
      CONSTRAINT "ck_sessions_status" CHECK ("status" IN ('scheduled', 'cancelled')),
      CONSTRAINT "ck_sessions_place" CHECK ("location" IS NOT NULL OR "online_url" IS NOT NULL),
      CONSTRAINT "ck_sessions_period" CHECK ("ends_at" > "starts_at")
    )`);
    await q.query(`CREATE INDEX "ix_sessions_course_starts" ON "sessions" ("course_id", "starts_at")`);
    await q.query(`CREATE INDEX "ix_sessions_starts" ON "sessions" ("starts_at") WHERE status = 'scheduled'`);
    await q.query(`CREATE INDEX "ix_sessions_organisation" ON "sessions" ("organisation_id") WHERE organisation_id IS NOT NULL`);

    await q.query(`CREATE TABLE "meetings" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "session_id" uuid NOT NULL,
      "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "sequence" integer NOT NULL DEFAULT 0,
      "cancelled_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "pk_meetings" PRIMARY KEY ("id"),
      CONSTRAINT "fk_meetings_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_meetings_period" CHECK ("ends_at" > "starts_at")
    )`);
    await q.query(`CREATE INDEX "ix_meetings_session_starts" ON "meetings" ("session_id", "starts_at")`);

    await q.query(`CREATE TABLE "session_trainers" (
      "session_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      CONSTRAINT "pk_session_trainers" PRIMARY KEY ("session_id", "user_id"),
      CONSTRAINT "fk_session_trainers_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_session_trainers_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "ix_session_trainers_user" ON "session_trainers" ("user_id")`);

    await q.query(`CREATE TABLE "enrolments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "session_id" uuid,
      "organisation_id" uuid,
      "enrolled_by_id" uuid,
      "status" text NOT NULL,
      "waitlist_position" integer,
      "confirmed_at" TIMESTAMP WITH TIME ZONE,
      "cancelled_at" TIMESTAMP WITH TIME ZONE,
      "completed_at" TIMESTAMP WITH TIME ZONE,
      "last_activity_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_enrolments" PRIMARY KEY ("id"),
      CONSTRAINT "fk_enrolments_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_enrolments_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_enrolments_session" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_enrolments_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE SET NULL,
      CONSTRAINT "fk_enrolments_enrolled_by" FOREIGN KEY ("enrolled_by_id") REFERENCES "users"("id") ON DELETE SET NULL,
      CONSTRAINT "ck_enrolments_status" CHECK ("status" IN ('active', 'confirmed', 'waitlisted', 'completed', 'cancelled')),
      CONSTRAINT "ck_enrolments_waitlist" CHECK (("status" = 'waitlisted') = ("waitlist_position" IS NOT NULL)),
      CONSTRAINT "ck_enrolments_waitlist_position" CHECK ("waitlist_position" IS NULL OR "waitlist_position" > 0),
      CONSTRAINT "ck_enrolments_session_status" CHECK ("status" NOT IN ('confirmed', 'waitlisted') OR "session_id" IS NOT NULL)
    )`);
    // One open enrolment per person and course: a second attempt gets the first back or 409.
    await q.query(`CREATE UNIQUE INDEX "uq_enrolments_open_per_course" ON "enrolments" ("user_id", "course_id")
      WHERE status IN ('active', 'confirmed', 'waitlisted')`);
    // The waitlist has no repeated positions.
    await q.query(`CREATE UNIQUE INDEX "uq_enrolments_waitlist_position" ON "enrolments" ("session_id", "waitlist_position")
      WHERE status = 'waitlisted'`);
    await q.query(`CREATE INDEX "ix_enrolments_session_status" ON "enrolments" ("session_id", "status") WHERE session_id IS NOT NULL`);
    await q.query(`CREATE INDEX "ix_enrolments_user" ON "enrolments" ("user_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_enrolments_organisation" ON "enrolments" ("organisation_id") WHERE organisation_id IS NOT NULL`);

    await q.query(`CREATE TABLE "lesson_progress" (
      "enrolment_id" uuid NOT NULL,
      "lesson_id" uuid NOT NULL,
      "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_lesson_progress" PRIMARY KEY ("enrolment_id", "lesson_id"),
      CONSTRAINT "fk_lesson_progress_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_lesson_progress_lesson" FOREIGN KEY ("lesson_id") REFERENCES "lessons"("id") ON DELETE CASCADE
    )`);

    await q.query(`CREATE TABLE "quiz_attempts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "enrolment_id" uuid NOT NULL,
      "attempt_number" integer NOT NULL,
      "answers" jsonb NOT NULL,
      "score" integer NOT NULL,
      "passed" boolean NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_quiz_attempts" PRIMARY KEY ("id"),
      CONSTRAINT "uq_quiz_attempts_number" UNIQUE ("enrolment_id", "attempt_number"),
      CONSTRAINT "fk_quiz_attempts_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE,
      CONSTRAINT "ck_quiz_attempts_score" CHECK ("score" BETWEEN 0 AND 100),
      CONSTRAINT "ck_quiz_attempts_number" CHECK ("attempt_number" > 0)
    )`);

    await q.query(`CREATE TABLE "attendance" (
      "enrolment_id" uuid NOT NULL,
      "meeting_id" uuid NOT NULL,
      "present" boolean NOT NULL,
      "marked_by_id" uuid,
      "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_attendance" PRIMARY KEY ("enrolment_id", "meeting_id"),
      CONSTRAINT "fk_attendance_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_attendance_meeting" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_attendance_marked_by" FOREIGN KEY ("marked_by_id") REFERENCES "users"("id") ON DELETE SET NULL
    )`);

    await q.query(`CREATE TABLE "completions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "enrolment_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "course_id" uuid NOT NULL,
      "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_completions" PRIMARY KEY ("id"),
      CONSTRAINT "uq_completions_enrolment" UNIQUE ("enrolment_id"),
      CONSTRAINT "fk_completions_enrolment" FOREIGN KEY ("enrolment_id") REFERENCES "enrolments"("id") ON DELETE RESTRICT,
      CONSTRAINT "fk_completions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "fk_completions_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX "ix_completions_user_course" ON "completions" ("user_id", "course_id", "completed_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['completions', 'attendance', 'quiz_attempts', 'lesson_progress', 'enrolments', 'session_trainers', 'meetings', 'sessions', 'quizzes', 'lessons', 'course_prerequisites', 'courses']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
