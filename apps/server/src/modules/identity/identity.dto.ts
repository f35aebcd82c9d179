import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_VERSIONS, STAFF_ROLES, type ConsentKind, type Role } from '@union/shared';
import { IsIn, IsInt, IsString, Length, Matches, MaxLength, Min } from 'class-validator';

export class WechatLoginBody {
  @ApiProperty({ description: 'Taro.login 得到的 code' })
  @IsString()
  @Length(1, 128)
  code: string;
}

export class DemoLoginBody {
  @ApiProperty({ example: 'worker' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,32}$/)
  persona: string;
}

export class RefreshBody {
  @ApiProperty()
  @IsString()
  @Length(10, 200)
  refreshToken: string;
}

export class ConsentBody {
  @ApiProperty({ enum: Object.keys(CONSENT_VERSIONS) })
  @IsIn(Object.keys(CONSENT_VERSIONS))
  kind: ConsentKind;

  @ApiProperty({ example: CONSENT_VERSIONS.privacy_notice })
  @IsString()
  @MaxLength(20)
  version: string;
}

export class RedeemInvitationBody {
  @ApiProperty({ description: '一次性邀请码' })
  @IsString()
  @Length(4, 32)
  code: string;
}

export class CreateInvitationBody {
  @ApiProperty({ description: '被邀请人将所在的工会组织' })
  @IsInt()
  @Min(1)
  organizationId: number;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: Role;
}
