export * from './catalogue.exception';
export * from './catalogue.module';
export * from './course-access';
export * from './dto/course.response';
export * from './dto/learning-path.response';
export * from './dto/lesson.response';
export * from './dto/quiz.response';
export * from './entities/course-prerequisite.entity';
export * from './entities/course.entity';
export * from './entities/lesson.entity';
export * from './entities/quiz.entity';
export * from './learning-path.order';

