import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue.module';
import { CatalogueEdge } from './catalogue-edge';
import { CourseController } from './course.controller';
import { LearningPathController } from './learning-path.controller';
import { ModuleController } from './lesson.controller';

/** The catalogue's routes: courses, their online module, learning paths. */
@Module({
  imports: [CatalogueModule],
  controllers: [CourseController, ModuleController, LearningPathController],
  providers: [CatalogueEdge],
  exports: [CatalogueEdge],
})
export class CatalogueHttpModule {}
