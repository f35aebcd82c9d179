import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** The reason given for an audited reveal of one sensitive value of one record. */
export class RecordRevealBody {
  @ApiProperty({ description: '查看原因（记入审计日志）' })
  @IsString()
  @Length(2, 200)
  reason: string;
}
