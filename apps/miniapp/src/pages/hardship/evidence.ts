import type { UploadPurpose } from '@union/shared';

/** The kinds of material a worker uploads, with what to photograph. */
export const EVIDENCE_KINDS: { purpose: UploadPurpose; label: string; hint: string }[] = [
  { purpose: 'id_card', label: '身份证', hint: '申请人身份证正面和反面。' },
  { purpose: 'household_register', label: '户口簿', hint: '首页和家庭成员那几页。' },
  { purpose: 'income_proof', label: '收入证明', hint: '单位开的收入证明、工资条或银行流水。' },
  { purpose: 'medical_receipt', label: '医疗票据', hint: '有人生病的，拍诊断证明和医疗费票据。' },
  { purpose: 'school_fee', label: '学费凭证', hint: '有孩子上学的，拍学费收据。' },
];
