import { CoursePrerequisite } from './entities/course-prerequisite.entity';
import { Course } from './entities/course.entity';
import { Lesson } from './entities/lesson.entity';
import { Quiz } from './entities/quiz.entity';

export * from './entities/course-prerequisite.entity';
export * from './entities/course.entity';
export * from './entities/lesson.entity';
export * from './entities/quiz.entity';

export const CATALOGUE_ENTITIES = [Course, CoursePrerequisite, Lesson, Quiz];
