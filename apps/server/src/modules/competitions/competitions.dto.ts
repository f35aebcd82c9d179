import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPETITION_KIND_LABEL,
  EMPLOYER_FLAG_LABEL,
  ENTRY_KIND_LABEL,
  TIE_BREAK_LABEL,
  type AwardRule,
  type CompetitionKind,
  type EmployerFlagKind,
  type EntryKind,
  type ScoringMethod,
  type TieBreak,
} from '@union/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDay } from '../../common/validation';

export class AwardBody implements AwardRule {
  @ApiProperty()
  @IsString()
  @Length(1, 20)
  title: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(1000)
  fromRank: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(1000)
  toRank: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 60)
  prize?: string;
}

export class EventBody {
  @ApiProperty()
  @IsString()
  @Length(2, 60)
  name: string;

  @ApiProperty({ enum: Object.keys(ENTRY_KIND_LABEL) })
  @IsIn(Object.keys(ENTRY_KIND_LABEL))
  entryKind: EntryKind;

  @ApiProperty({ description: '0: no limit' })
  @IsInt()
  @Min(0)
  @Max(10000)
  maxEntries: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(50)
  teamMin?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(50)
  teamMax?: number;

  @ApiProperty({ type: Object })
  @IsObject()
  scoring: ScoringMethod;

  @ApiProperty({ enum: Object.keys(TIE_BREAK_LABEL) })
  @IsIn(Object.keys(TIE_BREAK_LABEL))
  tieBreak: TieBreak;

  @ApiProperty({ type: [AwardBody] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AwardBody)
  awards: AwardBody[];
}

export class CreateCompetitionBody {
  @ApiProperty({ enum: Object.keys(COMPETITION_KIND_LABEL) })
  @IsIn(Object.keys(COMPETITION_KIND_LABEL))
  kind: CompetitionKind;

  @ApiProperty()
  @IsString()
  @Length(2, 100)
  title: string;

  @ApiProperty()
  @IsString()
  @Length(0, 2000)
  description: string;

  @ApiProperty()
  @IsDay()
  registrationClosesOn: string;

  @ApiProperty()
  @IsDay()
  startsOn: string;

  @ApiProperty()
  @IsDay()
  endsOn: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(30)
  noticeDays: number;

  @ApiProperty({ type: [EventBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => EventBody)
  events: EventBody[];
}

export class UpdateCompetitionBody extends CreateCompetitionBody {
  @ApiProperty()
  @IsInt()
  version: number;
}

export class RegisterEntryBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  eventId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(2, 60)
  teamName?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(2, 30, { each: true })
  members?: string[];
}

export class JudgesBody {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsInt({ each: true })
  judgeUserIds: number[];
}

export class ScoreBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  entryId: number;

  @ApiPropertyOptional({ description: 'hundredths of a point, 0–10000' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  points?: number;

  @ApiPropertyOptional({ description: 'a direct result (scaled integer)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  value?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(2, 200)
  reason?: string;
}

export class ConflictBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  entryId: number;

  @ApiProperty()
  @IsString()
  @Length(2, 100)
  note: string;
}

export class CheckInBody {
  @ApiProperty()
  @IsString()
  @Length(5, 80)
  code: string;
}

export class ObjectionBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  entryId?: number;

  @ApiProperty()
  @IsString()
  @Length(5, 500)
  content: string;
}

export class ResolveObjectionBody {
  @ApiProperty()
  @IsString()
  @Length(2, 500)
  resolution: string;
}

export class RevokeBody {
  @ApiProperty()
  @IsString()
  @Length(5, 300)
  reason: string;
}

export class CreateEmployerFlagBody {
  @ApiProperty()
  @IsString()
  @Length(2, 100)
  employerName: string;

  @ApiProperty({ enum: Object.keys(EMPLOYER_FLAG_LABEL) })
  @IsIn(Object.keys(EMPLOYER_FLAG_LABEL))
  kind: EmployerFlagKind;

  @ApiProperty()
  @IsString()
  @Length(2, 200)
  note: string;

  @ApiProperty()
  @IsDay()
  since: string;
}

export class CompetitionListQuery {
  @ApiPropertyOptional({ description: 'open: registration open; mine: competitions I entered; all (default)' })
  @IsOptional()
  @IsIn(['open', 'mine', 'all', 'published', 'judging'])
  filter?: 'open' | 'mine' | 'all' | 'published' | 'judging';
}

export class CompetitionStatisticsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsDay()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDay()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  organizationId?: number;
}
