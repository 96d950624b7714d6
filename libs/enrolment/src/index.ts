export * from './completion.service';
export * from './dto/enrolment.response';
export * from './enrolment.exception';
export * from './enrolment.module';
export * from './enrolment.repository';
export * from './enrolment.types';
export * from './entities/enrolment.entity';
export * from './entities/progress.entities';
export * from './progress.exception';
export * from './quiz-grading';

export * from './cancellation.service';
