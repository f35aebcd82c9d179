import { z } from './schemas/common';

/** What an uploaded file is evidence of (a closed list; the server refuses any other). */
export const UPLOAD_PURPOSES = [
  'id_card',
  'household_register',
  'income_proof',
  'medical_receipt',
  'school_fee',
  'admission_proof',
  'home_visit_photo',
  'visit_form',
  'review_minutes',
  'aid_receipt',
  'proxy_authorisation',
  'labour_contract',
  'pay_slip',
  'attendance_record',
  'chat_screenshot',
  'iou',
  'site_photo',
  'witness_statement',
  'injury_certificate',
  'consultation_photo',
  'legal_document',
  'other',
] as const;

/** One purpose of an upload. */
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/**
 * Files that are sensitive personal data (identity papers, income, health, the household at home):
 * staff opening one (anyone but the uploader) leaves a row in the audit log.
 */
export const SENSITIVE_UPLOAD_PURPOSES: readonly UploadPurpose[] = [
  'id_card',
  'household_register',
  'income_proof',
  'medical_receipt',
  'injury_certificate',
  'proxy_authorisation',
  'home_visit_photo',
  'visit_form',
];

/** Chinese names of upload purposes. */
export const UPLOAD_PURPOSE_LABEL: Record<UploadPurpose, string> = {
  id_card: '身份证',
  household_register: '户口簿',
  income_proof: '收入证明',
  medical_receipt: '医疗票据',
  school_fee: '学费凭证',
  admission_proof: '录取通知书',
  home_visit_photo: '入户照片',
  visit_form: '入户调查表',
  review_minutes: '评议记录',
  aid_receipt: '签收单',
  proxy_authorisation: '代办授权书',
  labour_contract: '劳动合同',
  pay_slip: '工资条',
  attendance_record: '考勤记录',
  chat_screenshot: '聊天记录截图',
  iou: '欠条',
  site_photo: '工地照片',
  witness_statement: '证人证言',
  injury_certificate: '工伤认定或诊断证明',
  consultation_photo: '咨询照片',
  legal_document: '协议书、裁决书、判决书',
  other: '其他',
};

/** True when `value` is one of the upload purposes. */
export function isUploadPurpose(value: unknown): value is UploadPurpose {
  return typeof value === 'string' && (UPLOAD_PURPOSES as readonly string[]).includes(value);
}

/**
 * The `purpose` field of POST /api/uploads. The body is a multipart form (the file and this field),
 * read by the server's upload form and checked with this schema.
 */
export const uploadPurpose = z.enum(UPLOAD_PURPOSES, '请选择材料类型');

/** `:token` of GET /api/files/:token, the token of a signed short-lived link. */
export const fileTokenParam = z.string().max(2000, '链接无效').meta({ description: '签名的短期链接令牌' });

/** What a stored file is: every image is re-encoded to JPEG; PDFs are kept as sent. */
export type UploadKind = 'image' | 'pdf';

/** Limits of the upload service (the byte limit is configurable on the server; this is its default). */
export const UPLOAD_LIMITS = {
  /** Default largest file accepted, in bytes (server: UPLOAD_MAX_BYTES). */
  defaultMaxBytes: 10 * 1024 * 1024,
  /** Images are scaled down so that their longest side is at most this many pixels. */
  maxImageSide: 2560,
  /** Types accepted, decided by the file's content, not its name. */
  acceptedTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
} as const;

/** An uploaded file as its uploader (or someone allowed to see its case) sees it; POST /api/uploads. */
export interface UploadView {
  id: number;
  purpose: UploadPurpose;
  purposeLabel: string;
  kind: UploadKind;
  /** Bytes stored (after re-encoding). */
  size: number;
  createdAt: string;
}

/** GET /api/uploads/:id/link: a short-lived link to the file's bytes. */
export interface UploadLink {
  /** Path under the API host, e.g. `/api/files/<token>`; works without a login until `expiresAt`. */
  url: string;
  expiresAt: string;
}

/** An uploaded file as answers list it (never its bytes: those come through a signed link). */
export const uploadView = z.object({
  id: z.int().min(1),
  purpose: z.enum(UPLOAD_PURPOSES),
  purposeLabel: z.string(),
  kind: z.enum(['image', 'pdf']),
  size: z.int().min(0),
  createdAt: z.iso.datetime({ offset: true }),
});

/** GET /api/uploads/:id/link: a signed link to the bytes, good until `expiresAt`. */
export const uploadLink = z.object({
  url: z.string().startsWith('/api/files/').meta({ description: '接口主机下的路径，到期前无需登录' }),
  expiresAt: z.iso.datetime({ offset: true }),
});
