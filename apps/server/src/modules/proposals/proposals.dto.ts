import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROPOSAL_GRADE_LABEL, type ProposalGrade } from '@union/shared';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsDay } from '../../common/validation';

export class CreateProposalBody {
  @ApiProperty()
  @IsString()
  @Length(4, 100, { message: '标题请写 4–100 字' })
  title: string;

  @ApiProperty()
  @IsString()
  @Length(10, 2000, { message: '请用 10–2000 字写明现在的问题' })
  problem: string;

  @ApiProperty()
  @IsString()
  @Length(10, 2000, { message: '请用 10–2000 字写明建议怎么做' })
  suggestion: string;

  @ApiProperty()
  @IsString()
  @Length(2, 500)
  expectedBenefit: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsInt({ each: true })
  uploadIds?: number[];
}

export class RegisterProposalBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  expertUserIds: number[];
}

export class OpinionBody {
  @ApiProperty({ enum: ['adopt', 'reject'] })
  @IsIn(['adopt', 'reject'])
  recommend: 'adopt' | 'reject';

  @ApiProperty()
  @IsString()
  @Length(5, 1000)
  opinion: string;
}

export class DecideBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty()
  @IsBoolean()
  adopt: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(5, 500)
  reason?: string;
}

export class ImplementBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty()
  @IsDay()
  implementedOn: string;

  @ApiProperty()
  @IsString()
  @Length(5, 500)
  note: string;
}

export class EvaluateBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  benefitFen: number;

  @ApiProperty({ enum: Object.keys(PROPOSAL_GRADE_LABEL) })
  @IsIn(Object.keys(PROPOSAL_GRADE_LABEL))
  grade: ProposalGrade;
}

export class ProposalStatisticsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsDay()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDay()
  to?: string;
}
