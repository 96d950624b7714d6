import { Module } from '@nestjs/common';
import { AccessModule } from '@schakel/access';
import { CatalogueCache } from './catalogue-cache';
import { CourseRepository } from './course.repository';
import { CourseService } from './course.service';
import { LearningPathRepository } from './learning-path.repository';
import { LearningPathService } from './learning-path.service';
import { LessonRepository } from './lesson.repository';
import { LessonService } from './lesson.service';
import { QuizRepository } from './quiz.repository';
import { QuizService } from './quiz.service';

/** Courses, their online modules (lessons, quiz) and the learning path per chain role. No HTTP: see CatalogueHttpModule. */
@Module({
  imports: [AccessModule],
  providers: [
    CatalogueCache,
    CourseRepository, CourseService, LessonRepository, LessonService, QuizRepository, QuizService,
    LearningPathRepository, LearningPathService,
  ],
  exports: [CatalogueCache, CourseService, CourseRepository, LessonService, LessonRepository, QuizService, QuizRepository, LearningPathService],
})
export class CatalogueModule {}
