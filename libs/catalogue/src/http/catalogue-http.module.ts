import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue.module';
import { CourseController } from './course.controller';
import { LearningPathController } from './learning-path.controller';
import { ModuleController } from './lesson.controller';

/** The catalogue's routes: courses, their online module, learning paths. */
@Module({
  imports: [CatalogueModule],
  controllers: [CourseController, ModuleController, LearningPathController],
})
export class CatalogueHttpModule {}
