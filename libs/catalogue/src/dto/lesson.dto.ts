import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { Lesson } from '../entities/lesson.entity';

const IsOptionalValue = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
const VIDEO_URL = { protocols: ['http', 'https'], require_protocol: true };

export class CreateLessonDto {
  @ApiProperty({ example: 'Wat is eenzaamheid?' })
  @IsString() @MinLength(1) @MaxLength(200)
  title: string;

  @ApiProperty({ description: 'Markdown; returned as is' })
  @IsString() @MaxLength(100_000)
  body: string;

  @ApiPropertyOptional({ example: 'https://video.example.nl/les-1', nullable: true })
  @IsOptional() @IsUrl(VIDEO_URL) @MaxLength(2000)
  videoUrl?: string | null;

  @ApiPropertyOptional({ minimum: 0, description: '0-based place; later lessons move down. Default: at the end' })
  @IsOptionalValue() @IsInt() @Min(0) @Max(1000)
  position?: number;
}

export class UpdateLessonDto {
  @ApiPropertyOptional()
  @IsOptionalValue() @IsString() @MinLength(1) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptionalValue() @IsString() @MaxLength(100_000)
  body?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsUrl(VIDEO_URL) @MaxLength(2000)
  videoUrl?: string | null;

  @ApiPropertyOptional({ minimum: 0, description: 'moves the lesson; the others shift' })
  @IsOptionalValue() @IsInt() @Min(0) @Max(1000)
  position?: number;
}

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
