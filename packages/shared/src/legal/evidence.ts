import type { UploadPurpose } from '../uploads';
import type { DisputeType } from './clock';
import type { EvidenceChecklistItem } from './contracts';

const ITEM: Record<string, EvidenceChecklistItem> = {
  labour_contract: { purpose: 'labour_contract', label: '劳动合同', hint: '证明您和单位的劳动关系；没有合同也可以申请' },
  pay_slip: { purpose: 'pay_slip', label: '工资条或银行流水', hint: '证明工资标准和实际发了多少' },
  attendance_record: { purpose: 'attendance_record', label: '考勤记录', hint: '打卡记录、排班表的照片或截图' },
  chat_screenshot: { purpose: 'chat_screenshot', label: '聊天记录截图', hint: '和老板、工头谈工资、工作安排的微信记录' },
  iou: { purpose: 'iou', label: '欠条或工资结算单', hint: '单位或包工头写的欠条、结算单' },
  site_photo: { purpose: 'site_photo', label: '工作场所照片', hint: '工地、车间、工牌、工作服的照片' },
  witness_statement: { purpose: 'witness_statement', label: '证人证言', hint: '一起干活的工友写的情况说明' },
  injury_certificate: { purpose: 'injury_certificate', label: '工伤认定书或诊断证明', hint: '医院诊断、病历、工伤认定决定书' },
  medical_receipt: { purpose: 'medical_receipt', label: '医疗票据', hint: '治疗花费的发票' },
  id_card: { purpose: 'id_card', label: '身份证', hint: '正反面照片' },
};

const BY_TYPE: Record<DisputeType, string[]> = {
  unpaid_wages: [
    'iou',
    'pay_slip',
    'attendance_record',
    'chat_screenshot',
    'site_photo',
    'witness_statement',
    'labour_contract',
    'id_card',
  ],
  work_injury: ['injury_certificate', 'medical_receipt', 'labour_contract', 'pay_slip', 'site_photo', 'witness_statement', 'id_card'],
  contract: ['labour_contract', 'pay_slip', 'chat_screenshot', 'attendance_record', 'id_card'],
  social_insurance: ['labour_contract', 'pay_slip', 'attendance_record', 'id_card'],
  dismissal: ['labour_contract', 'chat_screenshot', 'pay_slip', 'attendance_record', 'witness_statement', 'id_card'],
  other: ['labour_contract', 'chat_screenshot', 'pay_slip', 'id_card'],
};

/** What evidence helps for a kind of dispute, most useful first. */
export function evidenceChecklist(disputeType: DisputeType): EvidenceChecklistItem[] {
  return BY_TYPE[disputeType].map((k) => ITEM[k]);
}

/** Upload purposes accepted as legal-aid evidence (the checklist of every dispute type). */
export const LEGAL_EVIDENCE_PURPOSES: UploadPurpose[] = [...new Set(Object.values(ITEM).map((i) => i.purpose)), 'other'];
