import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class OrganizationSearchQuery {
  @ApiProperty({ description: '工会名称或单位名称中的文字' })
  @IsString()
  @MaxLength(50)
  q: string;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class OrganizationRouteQuery {
  @ApiProperty({ description: '工作单位名称' })
  @IsString()
  @MaxLength(100)
  employerName: string;
}
