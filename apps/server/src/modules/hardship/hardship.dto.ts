import { IsDay } from '../../common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AID_TYPE_LABEL,
  CAMPAIGN_KIND_LABEL,
  SCHOOL_LEVEL_LABEL,
  FILE_CLOSE_REASON_LABEL,
  HARDSHIP_CATEGORY_LABEL,
  HARDSHIP_CAUSE_LABEL,
  HEALTH_STATUS_LABEL,
  HOUSEHOLD_RELATION_LABEL,
  PROXY_CONSENT_METHOD_LABEL,
  WORK_STATUS_LABEL,
  type AidType,
  type CampaignKind,
  type SchoolLevel,
  type FileCloseReason,
  type HardshipCategory,
  type HardshipCause,
  type HardshipEmploymentType,
  type HardshipRules,
  type HealthStatus,
  type HouseholdRelation,
  type NoticeObjectionView,
  type ProxyConsentMethod,
  type WorkStatus,
} from '@union/shared';
import { Type } from 'class-transformer';
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
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const NAME = /^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/;
/** ¥100 million in fen: far above any household figure, well inside a safe integer. */
const MAX_FEN = 10_000_000_000;
const EMPLOYMENT_TYPES: HardshipEmploymentType[] = ['employee', 'migrant_worker', 'gig_worker', 'flexible'];

export class HouseholdFactsBody {
  @ApiProperty({ minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  householdSize: number;

  @ApiProperty({ description: '家庭年收入（分）' })
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  annualIncomeFen: number;

  @ApiProperty({ description: '必要支出（分）' })
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  essentialSpendingFen: number;

  @ApiProperty({ description: '因灾、因病、意外支出（分）' })
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  accidentCostsFen: number;

  @ApiProperty({ enum: EMPLOYMENT_TYPES })
  @IsIn(EMPLOYMENT_TYPES)
  employmentType: HardshipEmploymentType;

  @ApiProperty({ minimum: 0, maximum: 600 })
  @IsInt()
  @Min(0)
  @Max(600)
  employmentMonths: number;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z_]{2,40}$/, { each: true })
  exclusions: string[];
}

export class HouseholdMemberBody {
  @ApiProperty({ enum: Object.keys(HOUSEHOLD_RELATION_LABEL) })
  @IsIn(Object.keys(HOUSEHOLD_RELATION_LABEL))
  relation: HouseholdRelation;

  @ApiProperty()
  @IsString()
  @Matches(NAME, { message: '姓名只能是 2–30 个汉字或字母' })
  name: string;

  @ApiProperty()
  @IsString()
  @Length(18, 18, { message: '身份证号码应为 18 位' })
  idNumber: string;

  @ApiProperty({ description: '年收入（分）' })
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  annualIncomeFen: number;

  @ApiProperty({ enum: Object.keys(HEALTH_STATUS_LABEL) })
  @IsIn(Object.keys(HEALTH_STATUS_LABEL))
  health: HealthStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  healthNote?: string;

  @ApiProperty({ enum: Object.keys(WORK_STATUS_LABEL) })
  @IsIn(Object.keys(WORK_STATUS_LABEL))
  workStatus: WorkStatus;
}

export class BankAccountBody {
  @ApiProperty({ example: '县农村商业银行' })
  @IsString()
  @Length(2, 40)
  bankName: string;

  @ApiProperty()
  @IsString()
  @Matches(NAME, { message: '户名只能是 2–30 个汉字或字母' })
  accountName: string;

  @ApiProperty()
  @IsString()
  @Matches(/^\d{12,30}$/, { message: '银行卡号应为 12–30 位数字' })
  accountNumber: string;
}

export class ConsentVersionsBody {
  @ApiProperty()
  @IsString()
  @MaxLength(40)
  sensitiveData: string;

  @ApiProperty()
  @IsString()
  @MaxLength(40)
  financeCheck: string;
}

export class CreateHardshipApplicationBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  organizationId: number;

  @ApiProperty()
  @IsString()
  @Length(11, 11, { message: '手机号码应为 11 位' })
  phone: string;

  @ApiProperty({ enum: EMPLOYMENT_TYPES })
  @IsIn(EMPLOYMENT_TYPES)
  employmentType: HardshipEmploymentType;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(600)
  employmentMonths: number;

  @ApiProperty({ type: [HouseholdMemberBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HouseholdMemberBody)
  members: HouseholdMemberBody[];

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  otherIncomeFen: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  essentialSpendingFen: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  accidentCostsFen: number;

  @ApiProperty({ enum: Object.keys(HARDSHIP_CAUSE_LABEL) })
  @IsIn(Object.keys(HARDSHIP_CAUSE_LABEL))
  mainCause: HardshipCause;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(8)
  @IsIn(Object.keys(HARDSHIP_CAUSE_LABEL), { each: true })
  secondaryCauses: HardshipCause[];

  @ApiProperty()
  @IsString()
  @Length(5, 1000, { message: '请用 5–1000 字说说家里的困难' })
  situation: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z_]{2,40}$/, { each: true })
  exclusions: string[];

  @ApiProperty({ type: BankAccountBody })
  @ValidateNested()
  @Type(() => BankAccountBody)
  bankAccount: BankAccountBody;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsInt({ each: true })
  evidenceUploadIds: number[];

  @ApiProperty({ type: ConsentVersionsBody })
  @ValidateNested()
  @Type(() => ConsentVersionsBody)
  consents: ConsentVersionsBody;
}

export class CreateProxyHardshipApplicationBody extends CreateHardshipApplicationBody {
  @ApiProperty({ enum: Object.keys(PROXY_CONSENT_METHOD_LABEL) })
  @IsIn(Object.keys(PROXY_CONSENT_METHOD_LABEL))
  consentMethod: ProxyConsentMethod;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  consentUploadId?: number;

  @ApiProperty()
  @IsString()
  @Length(5, 300)
  consentNote: string;
}

export class DraftBody {
  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(50)
  step: number;

  @ApiProperty({ type: Object })
  @IsObject()
  data: Record<string, unknown>;

  @ApiProperty()
  @IsISO8601()
  savedAt: string;
}

export class VersionBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

export class ReturnForMaterialBody extends VersionBody {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  missingItems: string[];

  @ApiProperty()
  @IsString()
  @Length(1, 500)
  comment: string;
}

export class ResubmitBody extends VersionBody {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsInt({ each: true })
  evidenceUploadIds: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class HomeVisitBody extends VersionBody {
  @ApiProperty({ example: '2026-11-20' })
  @IsDay()
  visitedOn: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(2, { message: '入户调查至少两人' })
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(2, 30, { each: true })
  visitors: string[];

  @ApiProperty()
  @IsString()
  @Length(5, 2000)
  findings: string;

  @ApiProperty()
  @IsBoolean()
  matchesDeclaration: boolean;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  photoUploadIds: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  formUploadId?: number;
}

export class DemocraticReviewBody extends VersionBody {
  @ApiProperty({ example: '2026-11-21' })
  @IsDay()
  meetingOn: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(3, { message: '民主评议至少三人参加' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(2, 30, { each: true })
  attendees: string[];

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(1000)
  votesFor: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(1000)
  votesAgainst: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(1000)
  abstentions: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  minutesUploadId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class FileHouseholdBody extends VersionBody {
  @ApiProperty({ enum: Object.keys(HARDSHIP_CATEGORY_LABEL) })
  @IsIn(Object.keys(HARDSHIP_CATEGORY_LABEL))
  category: HardshipCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class CreateObjectionBody {
  @ApiProperty({ enum: ['online', 'in_person', 'phone', 'letter'] })
  @IsIn(['online', 'in_person', 'phone', 'letter'])
  channel: NoticeObjectionView['channel'];

  @ApiProperty()
  @IsString()
  @Length(5, 1000)
  content: string;
}

export class ResolveObjectionBody {
  @ApiProperty()
  @IsString()
  @Length(5, 1000)
  resolution: string;

  @ApiProperty()
  @IsBoolean()
  upheld: boolean;
}

export class CreateAssistanceRecordBody {
  @ApiProperty({ enum: Object.keys(AID_TYPE_LABEL) })
  @IsIn(Object.keys(AID_TYPE_LABEL))
  aidType: AidType;

  @ApiProperty({ description: '金额（分）' })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen: number;

  @ApiProperty({ example: '县总工会帮扶资金' })
  @IsString()
  @Length(2, 60)
  fundSource: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  comment?: string;
}

export class PayAssistanceBody extends VersionBody {
  @ApiProperty({ description: '银行流水号或转账凭证号' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{4,60}$/, { message: '凭证号只能是 4–60 位字母、数字或横线' })
  paymentReference: string;
}

export class SignedFormBody extends VersionBody {
  @ApiProperty()
  @IsInt()
  @Min(1)
  uploadId: number;
}

export class CreateRuleSetBody {
  @ApiProperty()
  @IsInt()
  @Min(2020)
  @Max(2100)
  year: number;

  @ApiProperty({ example: '2027-01-01' })
  @IsDay()
  effectiveFrom: string;

  @ApiProperty({ type: Object })
  @IsObject()
  rules: HardshipRules;
}

export class HardshipRevealBody {
  @ApiProperty({ enum: ['hardship_member', 'hardship_application'] })
  @IsIn(['hardship_member', 'hardship_application'])
  subject: 'hardship_member' | 'hardship_application';

  @ApiProperty()
  @IsInt()
  @Min(1)
  id: number;

  @ApiProperty({ enum: ['name', 'idNumber', 'healthNote', 'phone', 'bankAccount', 'situation'] })
  @IsIn(['name', 'idNumber', 'healthNote', 'phone', 'bankAccount', 'situation'])
  field: 'name' | 'idNumber' | 'healthNote' | 'phone' | 'bankAccount' | 'situation';

  @ApiProperty()
  @IsString()
  @Length(2, 200)
  reason: string;
}

export class RecheckFileBody extends VersionBody {
  @ApiProperty({ enum: ['keep', 'change_category', 'close', 'follow_up'] })
  @IsIn(['keep', 'change_category', 'close', 'follow_up'])
  outcome: 'keep' | 'change_category' | 'close' | 'follow_up';

  @ApiPropertyOptional({ enum: Object.keys(HARDSHIP_CATEGORY_LABEL) })
  @IsOptional()
  @IsIn(Object.keys(HARDSHIP_CATEGORY_LABEL))
  category?: HardshipCategory;

  @ApiPropertyOptional({ enum: Object.keys(FILE_CLOSE_REASON_LABEL) })
  @IsOptional()
  @IsIn(Object.keys(FILE_CLOSE_REASON_LABEL))
  closeReason?: FileCloseReason;

  @ApiProperty()
  @IsString()
  @Length(2, 500)
  note: string;
}

export class CampaignAmountsBody {
  @ApiPropertyOptional({ description: '每户金额（分），送温暖' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  perHouseholdFen?: number;

  @ApiPropertyOptional({ description: '每名学生金额（分），金秋助学：{ university, high_school }' })
  @IsOptional()
  @IsObject()
  perStudentFen?: Record<SchoolLevel, number>;
}

export class CreateCampaignBody {
  @ApiProperty({ enum: Object.keys(CAMPAIGN_KIND_LABEL) })
  @IsIn(Object.keys(CAMPAIGN_KIND_LABEL))
  kind: CampaignKind;

  @ApiProperty({ example: '2027年春节送温暖' })
  @IsString()
  @Length(2, 60)
  title: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  budgetFen: number;

  @ApiProperty()
  @IsDay()
  startsOn: string;

  @ApiProperty()
  @IsDay()
  endsOn: string;

  @ApiProperty()
  @IsString()
  @Length(2, 300)
  eligibility: string;

  @ApiProperty({ type: CampaignAmountsBody })
  @ValidateNested()
  @Type(() => CampaignAmountsBody)
  amounts: CampaignAmountsBody;

  @ApiProperty()
  @IsString()
  @Length(2, 60)
  fundSource: string;
}

export class SelectHouseholdsBody {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  fileIds: number[];
}

export class CreateGrantApplicationBody {
  @ApiProperty()
  @IsString()
  @Matches(NAME, { message: '姓名只能是 2–30 个汉字或字母' })
  studentName: string;

  @ApiProperty()
  @IsString()
  @Length(18, 18, { message: '身份证号码应为 18 位' })
  studentIdNumber: string;

  @ApiProperty({ enum: Object.keys(SCHOOL_LEVEL_LABEL) })
  @IsIn(Object.keys(SCHOOL_LEVEL_LABEL))
  schoolLevel: SchoolLevel;

  @ApiProperty()
  @IsString()
  @Length(2, 60)
  schoolName: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  admissionUploadId: number;
}

export class StatisticsQuery {
  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsDay()
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-30' })
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
