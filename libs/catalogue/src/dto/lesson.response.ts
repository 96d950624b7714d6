import { ApiProperty } from '@nestjs/swagger';
import type { Lesson } from '../entities/lesson.entity';

export class LessonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Markdown, as the author wrote it' }) body: string;
  @ApiProperty({ nullable: true }) videoUrl: string | null;
  @ApiProperty() position: number;
}

export const toLessonResponse = (l: Lesson): LessonResponse => ({
  id: l.id,
  courseId: l.courseId,
  title: l.title,
  body: l.body,
  videoUrl: l.videoUrl,
  position: l.position,
});
