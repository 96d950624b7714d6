import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';

export class QuizQuestionDto {
  @ApiProperty({ example: 'Wat is een goede eerste vraag?' })
  @IsString() @MinLength(1) @MaxLength(2000)
  prompt: string;

  @ApiProperty({ type: [String], minItems: 2, maxItems: 10 })
  @IsArray() @ArrayMinSize(2) @ArrayMaxSize(10) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(1000, { each: true })
  options: string[];

  @ApiProperty({ type: [Number], description: 'indexes into options; one index: single choice, more: multiple choice' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ArrayUnique() @IsInt({ each: true }) @Min(0, { each: true })
  correct: number[];
}

export class PutQuizDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: "default: the course's pass mark" })
  @ValidateIf((_object: object, value: unknown) => value !== undefined) @IsInt() @Min(0) @Max(100)
  passMark?: number;

  @ApiPropertyOptional({ minimum: 1, nullable: true, description: 'no limit when left out' })
  @IsOptional() @IsInt() @Min(1) @Max(100)
  maxAttempts?: number | null;

  @ApiProperty({ type: [QuizQuestionDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => QuizQuestionDto)
  questions: QuizQuestionDto[];
}
