import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '@schakel/common';
import { MeetingInputDto } from '@schakel/session';
import { ORDER_KINDS, ORDER_STATES, type Order, type OrderKind, type OrderState } from '../entities/order.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateOrderDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() courseId: string;
  @ApiProperty({ enum: ORDER_KINDS }) @IsIn(ORDER_KINDS) kind: OrderKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, description: 'seats: how many' })
  @IsOptional() @IsInt() @Min(1) @Max(10_000)
  seats?: number;

  @ApiPropertyOptional({ description: 'seats: when the licence expires (may also be set at confirmation)' })
  @IsOptional() @IsDateString({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({ type: [String], example: ['2027-03-10'], description: 'in-company: up to three preferred dates' })
  @IsOptional() @IsArray() @ArrayMaxSize(3) @Matches(DATE, { each: true, message: 'each must be a date YYYY-MM-DD' })
  preferredDates?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 500, description: 'in-company: number of participants (the capacity)' })
  @IsOptional() @IsInt() @Min(1) @Max(500)
  participants?: number;

  @ApiPropertyOptional({ description: 'in-company: the room' })
  @IsOptional() @IsString() @MinLength(2) @MaxLength(300)
  location?: string;

  @ApiPropertyOptional({ description: 'in-company: an online meeting instead of a room' })
  @IsOptional() @IsUrl({ protocols: ['https'], require_protocol: true })
  onlineUrl?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ConfirmOrderDto {
  @ApiPropertyOptional({ description: 'seats: price per seat (default: the course seat price); in-company: the quoted total; euro cents excl. VAT' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000)
  priceCents?: number;

  @ApiPropertyOptional({ description: 'seats: when the licence expires' })
  @IsOptional() @IsDateString({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'in-company: the trainers' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsUUID('all', { each: true })
  trainerIds?: string[];

  @ApiPropertyOptional({ type: [MeetingInputDto], description: 'in-company: the meetings' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MeetingInputDto)
  meetings?: MeetingInputDto[];
}

export class ReasonDto {
  @ApiProperty({ example: 'Geen trainer beschikbaar in die periode' })
  @IsString() @MinLength(2) @MaxLength(1000)
  reason: string;
}

export class OrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATES }) @IsOptional() @IsIn(ORDER_STATES) state?: OrderState;
}

export class OrderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) courseId: string;
  @ApiPropertyOptional({ description: 'the buying organisation, for lists' }) organisationName?: string;
  @ApiPropertyOptional({ description: 'the course ordered, for lists' }) courseTitle?: string;
  @ApiProperty({ enum: ORDER_KINDS }) kind: OrderKind;
  @ApiProperty({ enum: ORDER_STATES }) state: OrderState;
  @ApiPropertyOptional() seats?: number;
  @ApiPropertyOptional() expiresAt?: string | null;
  @ApiPropertyOptional({ type: [String] }) preferredDates?: string[];
  @ApiPropertyOptional() participants?: number;
  @ApiPropertyOptional({ nullable: true }) location?: string | null;
  @ApiPropertyOptional({ nullable: true }) onlineUrl?: string | null;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true }) priceCents: number | null;
  @ApiProperty({ nullable: true }) reason: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) licenceId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) sessionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) invoiceId?: string;
  @ApiProperty({ nullable: true }) decidedAt: string | null;
  @ApiProperty() createdAt: string;
}

export class OrderPageResponse {
  @ApiProperty({ type: [OrderResponse] }) items: OrderResponse[];
  @ApiProperty() total: number;
}

/** What the order led to (looked up beside it). */
export interface OrderLinks {
  licenceId?: string;
  invoiceId?: string;
  organisationName?: string;
  courseTitle?: string;
}

export function toOrderResponse(o: Order, links: OrderLinks = {}): OrderResponse {
  const seats = o.kind === 'seats';
  return {
    id: o.id,
    organisationId: o.organisationId,
    courseId: o.courseId,
    ...(links.organisationName ? { organisationName: links.organisationName } : {}),
    ...(links.courseTitle ? { courseTitle: links.courseTitle } : {}),
    kind: o.kind,
    state: o.state,
    ...(seats ? { seats: o.seats ?? 0, expiresAt: o.expiresAt?.toISOString() ?? null } : {}),
    ...(!seats
      ? { preferredDates: o.preferredDates, participants: o.participants ?? 0, location: o.location, onlineUrl: o.onlineUrl }
      : {}),
    note: o.note,
    priceCents: o.priceCents,
    reason: o.reason,
    ...(links.licenceId ? { licenceId: links.licenceId } : {}),
    ...(o.sessionId ? { sessionId: o.sessionId } : {}),
    ...(links.invoiceId ? { invoiceId: links.invoiceId } : {}),
    decidedAt: o.decidedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
  };
}
