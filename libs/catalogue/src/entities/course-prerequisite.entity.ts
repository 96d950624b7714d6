import { Check, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Course } from './course.entity';

/** `courseId` requires `prerequisiteId` to be completed (or validly certified) first. */
@Entity('course_prerequisites')
@Check('ck_course_prerequisites_not_self', `"course_id" <> "prerequisite_id"`)
export class CoursePrerequisite {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_course_prerequisites' })
  courseId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_course_prerequisites' })
  prerequisiteId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_course_prerequisites_course' })
  course?: Course;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'prerequisite_id', foreignKeyConstraintName: 'fk_course_prerequisites_prerequisite' })
  prerequisite?: Course;
}
