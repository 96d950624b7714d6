import { Module } from '@nestjs/common';
import { OrganisationModule } from '@schakel/organisation';
import { CourseController } from './course.controller';
import { CourseRepository } from './course.repository';
import { CourseService } from './course.service';
import { LearningPathController } from './learning-path.controller';
import { LearningPathRepository } from './learning-path.repository';
import { LearningPathService } from './learning-path.service';
import { ModuleController } from './lesson.controller';
import { LessonRepository } from './lesson.repository';
import { LessonService } from './lesson.service';
import { QuizRepository } from './quiz.repository';
import { QuizService } from './quiz.service';

/** Courses, their online modules (lessons, quiz) and the learning path per chain role. */
@Module({
  imports: [OrganisationModule],
  controllers: [CourseController, ModuleController, LearningPathController],
  providers: [
    CourseRepository, CourseService, LessonRepository, LessonService, QuizRepository, QuizService,
    LearningPathRepository, LearningPathService,
  ],
  exports: [CourseService, CourseRepository, LessonRepository, QuizRepository],
})
export class CatalogueModule {}
