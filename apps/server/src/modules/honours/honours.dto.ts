import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MODEL_WORKER_RECORD_LABEL, NOMINEE_TYPE_LABEL, type ModelWorkerRecordKind, type NomineeType } from '@union/shared';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsDay } from '../../common/validation';

export class CreateHonourKindBody {
  @ApiProperty()
  @Matches(/^[a-z_]{2,40}$/)
  code: string;

  @ApiProperty()
  @IsString()
  @Length(2, 40)
  name: string;

  @ApiProperty({ enum: Object.keys(NOMINEE_TYPE_LABEL) })
  @IsIn(Object.keys(NOMINEE_TYPE_LABEL))
  nomineeType: NomineeType;
}

export class CreateNominationBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  kindId: number;

  @ApiProperty()
  @IsString()
  @Length(2, 60)
  nomineeName: string;

  @ApiProperty()
  @IsString()
  @Length(2, 100)
  employerName: string;

  @ApiProperty()
  @IsString()
  @Length(20, 5000, { message: '请用 20–5000 字写明主要事迹' })
  deeds: string;

  @ApiProperty()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  uploadIds?: number[];
}

export class NominationObjectionBody {
  @ApiProperty()
  @IsString()
  @Length(5, 500)
  content: string;
}

export class ResolveNominationObjectionBody {
  @ApiProperty()
  @IsString()
  @Length(2, 500)
  resolution: string;
}

export class ModelWorkerBody {
  @ApiProperty()
  @IsString()
  @Length(2, 60)
  name: string;

  @ApiProperty()
  @IsString()
  @Length(2, 100)
  employerName: string;

  @ApiProperty()
  @IsString()
  @Length(2, 40)
  title: string;

  @ApiProperty()
  @IsInt()
  @Min(1950)
  @Max(2100)
  awardedYear: number;
}

export class ModelWorkerRecordBody {
  @ApiProperty({ enum: Object.keys(MODEL_WORKER_RECORD_LABEL) })
  @IsIn(Object.keys(MODEL_WORKER_RECORD_LABEL))
  kind: ModelWorkerRecordKind;

  @ApiProperty()
  @IsDay()
  date: string;

  @ApiProperty()
  @IsString()
  @Length(2, 1000)
  note: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amountFen?: number;
}

export class HonourStatisticsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsDay()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDay()
  to?: string;
}
