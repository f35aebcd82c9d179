import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  ASSISTANCE_RECORD_WORKFLOW,
  type AssistanceRecordAction,
  type AssistanceRecordState,
  type PayAssistanceRequest,
  type SignedFormRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { UploadsService } from '../uploads/uploads.service';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import { TransitionService } from '../workflow/transition.service';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { AssistanceRecord } from './entities/assistance-record.entity';

/** The form each step of an aid record records. */
export interface AssistanceRecordPayloads {
  pay: PayAssistanceRequest;
  record_signed_form: SignedFormRequest;
}

type Step = StepContext<AssistanceRecordState, AssistanceRecord>;
type Process = CaseProcess<AssistanceRecordState, AssistanceRecordAction, AssistanceRecord, AssistanceRecordPayloads>;

/** Aid paid by real name: the payment's bank reference, the worker's receipt in the app or on paper, cancelling. */
@Injectable()
export class AssistanceRecordProcess implements Process, OnModuleInit {
  readonly def = ASSISTANCE_RECORD_WORKFLOW;

  constructor(
    private readonly clock: Clock,
    private readonly transitions: TransitionService,
    private readonly uploads: UploadsService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<AssistanceRecord> {
    return manager.getRepository(AssistanceRecord).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  readonly steps: Process['steps'] = {
    /** The real-name payment (bank reference); two cadres paying at once: one wins. */
    pay: {
      before: ({ manager, subject }, body) =>
        this.update(manager, subject, { paidAt: this.clock.now(), paymentReference: body.paymentReference }),
    },
    /** The worker signs in the app. */
    sign: { before: ({ manager, subject }) => this.update(manager, subject, { signedAt: this.clock.now(), signMethod: 'in_app' }) },
    /** A cadre uploads the receipt the worker signed on paper. */
    record_signed_form: {
      before: async ({ manager, actor, kase, subject }, body) => {
        await this.uploads.attachToCase(manager, actor, [body.uploadId], kase.id);
        await this.update(manager, subject, { signedAt: this.clock.now(), signMethod: 'paper_form', signedFormUploadId: body.uploadId });
      },
    },
  };

  notice({ action, input, subject }: Step): CaseNotice {
    const texts: Record<string, { title: string; body: string }> = {
      pay: { title: '帮扶已发放', body: '帮扶已按实名发放，请核对到账后在小程序里确认签收。' },
      sign: { title: '已确认签收', body: '感谢您的确认。' },
      record_signed_form: { title: '签收单已登记', body: '工会已登记您签字的签收单。' },
      cancel: { title: '帮扶已撤销', body: `原因：${input.comment ?? ''}` },
    };
    return { ...(texts[action] ?? { title: '帮扶有新进展', body: '' }), link: `/pages/hardship/file/index?id=${subject.fileId}` };
  }

  private async update(manager: EntityManager, record: AssistanceRecord, changes: Partial<AssistanceRecord>): Promise<void> {
    await manager.getRepository(AssistanceRecord).update({ id: record.id }, changes);
  }
}
