import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Course } from './course.entity';

@Entity('lessons')
@Unique('uq_lessons_course_position', ['courseId', 'position'])
@Check('ck_lessons_position', `"position" >= 0`)
export class Lesson {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  courseId: string;

  @ManyToOne(() => Course, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_lessons_course' })
  course?: Course;

  @Column({ type: 'text' })
  title: string;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  body: string;

  @Column({ type: 'text', nullable: true })
  videoUrl: string | null;

  @Column({ type: 'integer' })
  position: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
