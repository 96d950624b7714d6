import { Module } from '@nestjs/common';
import { CatalogueModule } from '@schakel/catalogue';
import { EnrolmentModule } from '@schakel/enrolment';
import { SessionModule } from '@schakel/session';
import { CataloguePageEdge } from './catalogue-page-edge';
import { CataloguePagesController } from './catalogue-pages.controller';
import { CoursePageQuery } from './course-page.query';
import { LearningPathPageController } from './learning-path-page.controller';

/** What a visitor sees (and a learner enrols from): the catalogue, a course page, a role's learning path. */
@Module({
  imports: [CatalogueModule, SessionModule, EnrolmentModule],
  controllers: [CataloguePagesController, LearningPathPageController],
  providers: [CoursePageQuery, CataloguePageEdge],
  exports: [CataloguePageEdge],
})
export class VisitorPagesModule {}
