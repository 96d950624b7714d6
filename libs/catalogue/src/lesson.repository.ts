import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Lesson } from './entities/lesson.entity';

/** Lessons keep positions 0..n-1 per course; callers hold the course row lock while moving them. */
@Injectable()
export class LessonRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listForCourse(courseId: string): Promise<Lesson[]> {
    return this.dataSource.getRepository(Lesson).find({ where: { courseId }, order: { position: 'ASC' } });
  }

  find(courseId: string, lessonId: string, manager?: EntityManager): Promise<Lesson | null> {
    return (manager ?? this.dataSource.manager).getRepository(Lesson).findOneBy({ id: lessonId, courseId });
  }

  /** Inserts at `position`, moving the lessons from there one place down. */
  async insertAt(manager: EntityManager, lesson: Pick<Lesson, 'courseId' | 'title' | 'body' | 'videoUrl' | 'position'>): Promise<Lesson> {
    await manager.query(`UPDATE lessons SET position = position + 1 WHERE course_id = $1 AND position >= $2`, [
      lesson.courseId,
      lesson.position,
    ]);
    const repo = manager.getRepository(Lesson);
    return repo.save(repo.create(lesson));
  }

  /** Moves a lesson; the ones in between shift by one. The unique position is checked at commit. */
  async move(manager: EntityManager, lesson: Lesson, to: number): Promise<void> {
    const from = lesson.position;
    if (from === to) return;
    await manager.query(`SET CONSTRAINTS uq_lessons_course_position DEFERRED`);
    if (to < from) {
      await manager.query(`UPDATE lessons SET position = position + 1 WHERE course_id = $1 AND position >= $2 AND position < $3`, [lesson.courseId, to, from]);
    } else {
      await manager.query(`UPDATE lessons SET position = position - 1 WHERE course_id = $1 AND position > $2 AND position <= $3`, [lesson.courseId, from, to]);
    }
    await manager.query(`UPDATE lessons SET position = $2 WHERE id = $1`, [lesson.id, to]);
    lesson.position = to;
  }

  async save(manager: EntityManager, lesson: Lesson): Promise<Lesson> {
    return manager.getRepository(Lesson).save(lesson);
  }

  async remove(manager: EntityManager, lesson: Lesson): Promise<void> {
    await manager.query(`DELETE FROM lessons WHERE id = $1`, [lesson.id]);
    await manager.query(`UPDATE lessons SET position = position - 1 WHERE course_id = $1 AND position > $2`, [lesson.courseId, lesson.position]);
  }
}
