import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSULTATION_CHANNEL_LABEL,
  DISPUTE_TYPE_LABEL,
  LEGAL_AID_OUTCOME_LABEL,
  LEGAL_AID_WORKFLOW,
  LEGAL_EVIDENCE_PURPOSES,
  PETITION_CHANNEL_LABEL,
  type ConsultationChannel,
  type ConsultationTopic,
  type DisputeType,
  type LegalAidOutcome,
  type LegalAidRules,
  type LegalAidState,
  type LegalAidStageRequest,
  type PetitionChannel,
  type UploadPurpose,
} from '@union/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDay } from '../../common/validation';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** ¥100 million in fen. */
const MAX_FEN = 10_000_000_000;
const CHANNELS = Object.keys(CONSULTATION_CHANNEL_LABEL) as ConsultationChannel[];
const DISPUTES = Object.keys(DISPUTE_TYPE_LABEL) as DisputeType[];

export class AvailabilityRuleBody {
  @ApiProperty({ minimum: 1, maximum: 7 })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: '09:00' })
  @Matches(TIME, { message: '时间按 09:00 这样填' })
  startTime: string;

  @ApiProperty({ example: '11:30' })
  @Matches(TIME, { message: '时间按 11:30 这样填' })
  endTime: string;

  @ApiProperty({ minimum: 15, maximum: 120 })
  @IsInt()
  @Min(15)
  @Max(120)
  slotMinutes: number;

  @ApiProperty({ enum: CHANNELS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(CHANNELS, { each: true })
  channels: ConsultationChannel[];

  @ApiProperty()
  @IsString()
  @Length(2, 100)
  place: string;
}

export class SetAvailabilityBody {
  @ApiProperty({ type: [AvailabilityRuleBody] })
  @IsArray()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityRuleBody)
  rules: AvailabilityRuleBody[];
}

export class AvailabilityExceptionBody {
  @ApiProperty({ example: '2026-12-01' })
  @IsDay()
  date: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  note: string;
}

export class SlotsQuery {
  @ApiPropertyOptional({ example: '2026-12-01' })
  @IsOptional()
  @IsDay()
  from?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 28 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(28)
  days?: number;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: ConsultationChannel;
}

export class BookConsultationBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  lawyerUserId: number;

  @ApiProperty({ example: '2026-12-01T01:00:00.000Z' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: ConsultationChannel;

  @ApiProperty({ enum: DISPUTES })
  @IsIn(DISPUTES)
  topic: ConsultationTopic;

  @ApiProperty()
  @IsString()
  @Length(5, 500, { message: '请用 5–500 字简单说说遇到的问题' })
  description: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsInt({ each: true })
  uploadIds?: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^1\d{10}$/, { message: '手机号码应为 1 开头的 11 位数字' })
  phone?: string;
}

export class RescheduleBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  lawyerUserId: number;

  @ApiProperty()
  @IsISO8601({ strict: true })
  startsAt: string;
}

export class AdviceBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty()
  @IsString()
  @Length(5, 1000, { message: '请用 5–1000 字记录咨询情况' })
  summary: string;

  @ApiProperty()
  @IsString()
  @Length(5, 2000, { message: '请用 5–2000 字写下给职工的意见' })
  advice: string;

  @ApiProperty()
  @IsBoolean()
  suggestLegalAid: boolean;
}

export class RatingBody {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 200)
  comment?: string;
}

export class EligibilityBody {
  @ApiProperty({ enum: DISPUTES })
  @IsIn(DISPUTES)
  disputeType: DisputeType;

  @ApiProperty()
  @IsBoolean()
  isMigrantWorker: boolean;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  amountClaimedFen: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  householdMonthlyIncomeFen: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(20)
  householdSize: number;

  @ApiProperty()
  @IsBoolean()
  seriousIllnessOrDisaster: boolean;

  @ApiProperty()
  @IsBoolean()
  unionStaffHarmedForDuty: boolean;
}

export class EmployerBody {
  @ApiProperty()
  @IsString()
  @Length(2, 100, { message: '请填写单位名称（2–100 字）' })
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: '统一社会信用代码应为 18 位' })
  creditCode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(2, 200)
  address?: string | null;
}

export class EvidenceBody {
  @ApiProperty({ enum: LEGAL_EVIDENCE_PURPOSES })
  @IsIn(LEGAL_EVIDENCE_PURPOSES)
  purpose: UploadPurpose;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(9)
  @IsInt({ each: true })
  uploadIds: number[];
}

export class CreateLegalAidBody extends EligibilityBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  fromConsultationId?: number;

  @ApiProperty({ type: EmployerBody })
  @ValidateNested()
  @Type(() => EmployerBody)
  employer: EmployerBody;

  @ApiProperty()
  @IsString()
  @Length(5, 1000, { message: '请用 5–1000 字写明要求单位做什么（如支付拖欠工资多少元）' })
  claims: string;

  @ApiProperty()
  @Matches(/^1\d{10}$/, { message: '手机号码应为 1 开头的 11 位数字' })
  phone: string;

  @ApiProperty({ example: '2025-03-01' })
  @IsDay()
  employmentStartedOn: string;

  @ApiProperty({ nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsDay()
  employmentEndedOn: string | null;

  @ApiProperty()
  @IsDay()
  learnedOn: string;

  @ApiProperty({ type: [EvidenceBody] })
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => EvidenceBody)
  evidence: EvidenceBody[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 300)
  witnesses?: string;

  @ApiProperty()
  @IsString()
  @Length(1, 40)
  consentVersion: string;
}

export class AcceptLegalAidBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  lawyerUserId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 300)
  comment?: string;
}

export class RejectLegalAidBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty()
  @IsString()
  @Length(5, 500, { message: '请用 5–500 字写明不予援助的理由' })
  reason: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(4, 200)
  otherHelp?: string;
}

export class LegalAidDatesBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDay()
  mediationStartedOn?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDay()
  mediationEndedOn?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDay()
  arbitrationAppliedOn?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDay()
  arbitrationAcceptedOn?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  awardExtended?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDay()
  awardReceivedOn?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsDay()
  lawsuitFiledOn?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsInt({ each: true })
  uploadIds?: number[];
}

const STAGE_ACTIONS = ['start_negotiation', 'start_mediation', 'start_arbitration', 'start_litigation'] as const;

export class LegalAidStageBody extends LegalAidDatesBody {
  @ApiProperty({ enum: STAGE_ACTIONS })
  @IsIn(STAGE_ACTIONS)
  action: LegalAidStageRequest['action'];

  @ApiProperty()
  @IsDay()
  startedOn: string;
}

export class CloseLegalAidBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty({ enum: Object.keys(LEGAL_AID_OUTCOME_LABEL) })
  @IsIn(Object.keys(LEGAL_AID_OUTCOME_LABEL))
  outcome: LegalAidOutcome;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  amountClaimedFen: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  amountRecoveredFen: number;

  @ApiProperty({ nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsDay()
  recoveredOn: string | null;

  @ApiProperty()
  @IsString()
  @Length(2, 500)
  note: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsInt({ each: true })
  uploadIds?: number[];
}

export class LegalRuleSetBody {
  @ApiProperty({ example: '2027-01-01' })
  @IsDay()
  effectiveFrom: string;

  @ApiProperty({ type: Object })
  @IsObject()
  rules: LegalAidRules;
}

export class LegalListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ description: "a state, 'open' (not ended) or 'handling' (accepted, in a stage)" })
  @IsOptional()
  @IsIn([...Object.keys(LEGAL_AID_WORKFLOW.states), 'open', 'handling'])
  state?: LegalAidState | 'open' | 'handling';

  @ApiPropertyOptional({ description: 'only cases whose next statutory period ends within this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  clockWithinDays?: number;
}

export class StatisticsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsDay()
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDay()
  to?: string;
}

export class CreateThreadBody {
  @ApiProperty({ enum: DISPUTES })
  @IsIn(DISPUTES)
  topic: ConsultationTopic;

  @ApiProperty()
  @IsString()
  @Length(5, 1000, { message: '请用 5–1000 字说说遇到的问题' })
  body: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsInt({ each: true })
  uploadIds?: number[];
}

export class ThreadMessageBody {
  @ApiProperty()
  @IsString()
  @Length(1, 1000, { message: '留言请在 1000 字以内' })
  body: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsInt({ each: true })
  uploadIds?: number[];
}

export class ThreadListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ description: 'only threads waiting for the centre' })
  @IsOptional()
  // A query string is text: only "true" or "1" mean yes.
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  waiting?: boolean;
}

export class AssignBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  lawyerUserId: number;
}

const PETITION_CHANNELS = Object.keys(PETITION_CHANNEL_LABEL) as PetitionChannel[];

export class CreatePetitionBody {
  @ApiProperty({ enum: PETITION_CHANNELS })
  @IsIn(PETITION_CHANNELS)
  channel: PetitionChannel;

  @ApiProperty()
  @IsString()
  @Matches(/^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/, { message: '姓名只能是 2–30 个汉字或字母' })
  petitionerName: string;

  @ApiProperty()
  @Matches(/^1\d{10}$/, { message: '手机号码应为 1 开头的 11 位数字' })
  petitionerPhone: string;

  @ApiProperty()
  @IsString()
  @Length(2, 100)
  employerName: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(10000)
  workerCount: number;

  @ApiProperty()
  @IsString()
  @Length(2, 100)
  subject: string;

  @ApiProperty()
  @IsString()
  @Length(5, 2000)
  content: string;

  @ApiProperty()
  @IsDay()
  receivedOn: string;
}

export class PetitionMeetingBody {
  @ApiProperty()
  @IsDay()
  heldOn: string;

  @ApiProperty()
  @IsString()
  @Length(2, 300)
  attendees: string;

  @ApiProperty()
  @IsString()
  @Length(5, 2000)
  summary: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsInt({ each: true })
  uploadIds?: number[];
}

export class ResolvePetitionBody {
  @ApiProperty()
  @IsInt()
  version: number;

  @ApiProperty()
  @IsString()
  @Length(5, 1000)
  result: string;

  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  legalAidApplicationIds?: number[];
}
