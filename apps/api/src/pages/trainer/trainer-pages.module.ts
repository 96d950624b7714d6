import { Module } from '@nestjs/common';
import { AccessModule } from '@schakel/access';
import { CatalogueModule } from '@schakel/catalogue';
import { EnrolmentModule } from '@schakel/enrolment';
import { OrganisationModule } from '@schakel/organisation';
import { SessionModule } from '@schakel/session';
import { TrainerCourseContentController } from './trainer-course-content.controller';
import { TrainerCoursesController } from './trainer-courses.controller';
import { TrainerAccess } from './trainer-access';
import { TrainerMeetingsController } from './trainer-meetings.controller';
import { TrainerSessionController } from './trainer-session.controller';
import { TrainerSessionQuery } from './trainer-session.query';
import { TrainerCourseQuery } from './trainer-course.query';
import { TrainerSessionsController } from './trainer-sessions.controller';

/**
 * What a trainer does in the browser (issue 13): her sessions, planning one, a session's
 * roster, waitlist and attendance sheet, and authoring her courses. The sessions controller
 * comes first: its `sessions/new` must win over the one-session `sessions/:id`.
 */
@Module({
  imports: [AccessModule, CatalogueModule, SessionModule, EnrolmentModule, OrganisationModule],
  controllers: [TrainerSessionsController, TrainerSessionController, TrainerMeetingsController, TrainerCoursesController, TrainerCourseContentController],
  providers: [TrainerAccess, TrainerSessionQuery, TrainerCourseQuery],
})
export class TrainerPagesModule {}
