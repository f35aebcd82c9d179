import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EMPLOYMENT_TYPE_LABEL, type EmploymentType } from '@union/shared';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';

const NAME = /^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/;

export class CreateApplicationBody {
  @ApiProperty({ example: '王小工' })
  @IsString()
  @Matches(NAME, { message: '姓名只能是 2–30 个汉字或字母' })
  realName: string;

  @ApiProperty({ example: '11010519491231002X' })
  @IsString()
  @Length(18, 18, { message: '身份证号码应为 18 位' })
  idNumber: string;

  @ApiProperty({ example: '13800138000' })
  @IsString()
  @Length(11, 11, { message: '手机号码应为 11 位' })
  phone: string;

  @ApiProperty({ example: '县城建筑公司' })
  @IsString()
  @Length(2, 100)
  employerName: string;

  @ApiProperty({ enum: Object.keys(EMPLOYMENT_TYPE_LABEL) })
  @IsIn(Object.keys(EMPLOYMENT_TYPE_LABEL))
  employmentType: EmploymentType;

  @ApiProperty()
  @IsInt()
  @Min(1)
  organizationId: number;

  @ApiProperty({ description: '不告诉单位：由上级工会受理，单位工会看不到' })
  @IsBoolean()
  hideFromEmployer: boolean;
}

export class TransitionBody {
  @ApiProperty({ example: 'approve' })
  @IsString()
  @Matches(/^[a-z_]{1,40}$/)
  action: string;

  @ApiProperty({ description: '客户端看到的版本号；已过时则 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  targetOrganizationId?: number;
}

export class CreateTransferBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  toOrganizationId: number;

  @ApiProperty()
  @IsString()
  @Length(2, 100)
  newEmployerName: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class WithdrawBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class VerifyCardQuery {
  @ApiProperty()
  @IsString()
  @Length(10, 2000)
  token: string;
}

export class RevealBody {
  @ApiProperty({ enum: ['membership_application', 'member'] })
  @IsIn(['membership_application', 'member'])
  subject: 'membership_application' | 'member';

  @ApiProperty()
  @IsInt()
  @Min(1)
  id: number;

  @ApiProperty({ enum: ['idNumber', 'phone'] })
  @IsIn(['idNumber', 'phone'])
  field: 'idNumber' | 'phone';

  @ApiProperty({ description: '查看原因（记入审计日志）' })
  @IsString()
  @Length(2, 200)
  reason: string;
}
