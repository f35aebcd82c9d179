import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  CONSULTATION_WORKFLOW,
  type ConsultationAction,
  type ConsultationAdviceRequest,
  type ConsultationState,
  type RescheduleConsultationRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { IdentityService } from '../identity/identity.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import type { CaseNotice, CaseProcess, StepContext } from '../workflow/case-process';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { CONSULTATION_TABLE, consultationLink, HOUR_MS, whenText } from './consultation.helpers';
import { Consultation } from './entities/consultation.entity';
import { onItsOwnPage, withForm } from './form-step';
import { LegalRulesService } from './legal-rules.service';
import { LegalScheduleService } from './legal-schedule.service';

const WF = CONSULTATION_WORKFLOW;

/** The form each step of a consultation records; cancelling and no-shows record none. */
export interface ConsultationPayloads {
  reschedule: RescheduleConsultationRequest;
  record_advice: ConsultationAdviceRequest;
}

type Step = StepContext<ConsultationState, Consultation>;

/**
 * What each step of a booked consultation does: cancelling (the worker up to the centre's cut-off,
 * the centre with a reason) frees the slot, a no-show only once the time has come, rescheduling
 * moves the booking to another free slot (and the case to the lawyer's organisation), and the
 * lawyer's summary and advice once it has begun.
 */
@Injectable()
export class LegalConsultationProcess
  implements CaseProcess<ConsultationState, ConsultationAction, Consultation, ConsultationPayloads>, OnModuleInit
{
  readonly def = WF;

  constructor(
    private readonly transitions: TransitionService,
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly schedule: LegalScheduleService,
    private readonly legalRules: LegalRulesService,
    private readonly identity: IdentityService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  subject(manager: EntityManager, kase: WorkflowCase): Promise<Consultation> {
    return manager.getRepository(Consultation).findOneByOrFail({ id: kase.subjectId ?? 0 });
  }

  readonly steps: CaseProcess<ConsultationState, ConsultationAction, Consultation, ConsultationPayloads>['steps'] = {
    /** The worker cancels, up to the centre's cut-off; the slot is free again. */
    cancel: {
      before: async (step) => {
        const now = this.clock.now();
        const { rules } = await this.legalRules.effectiveFor(step.manager, now, step.kase.organizationPath);
        if (step.subject.startsAt.getTime() - now.getTime() < rules.bookingChangeHours * HOUR_MS) fail('change_too_late');
        await this.freeSlot(step);
      },
    },
    /** The centre cancels, with the reason the worker reads; the slot is free again. */
    staff_cancel: { before: (step) => this.freeSlot(step) },
    /** A no-show only once the consultation's time has come. */
    mark_no_show: {
      before: ({ subject }) => {
        if (subject.startsAt.getTime() > this.clock.nowMs()) fail('action_not_allowed', '咨询时间还没到，不能记为未到场');
        return Promise.resolve();
      },
    },
    /** The worker moves the booking to another free slot, before the cut-off. */
    reschedule: withForm(onItsOwnPage(WF, 'reschedule'), {
      before: (step, body) => this.reschedule(step, body),
      notice: ({ subject }, body) => ({
        title: '法律咨询已改约',
        body: `新的时间：${whenText(new Date(body.startsAt))}。`,
        link: consultationLink(subject.id),
      }),
    }),
    /** The lawyer records what was said and what they advise. */
    record_advice: withForm(onItsOwnPage(WF, 'record_advice'), {
      before: async ({ manager, subject }, body) => {
        if (subject.startsAt.getTime() > this.clock.nowMs() + HOUR_MS) fail('action_not_allowed', '咨询还没开始，不能记录意见');
        const aad = (field: string) => piiAad(CONSULTATION_TABLE, subject.uid, field);
        await manager.getRepository(Consultation).update(
          { id: subject.id },
          {
            summaryEnc: this.cipher.encrypt(body.summary.trim(), aad('summary')),
            adviceEnc: this.cipher.encrypt(body.advice.trim(), aad('advice')),
            suggestLegalAid: body.suggestLegalAid,
          },
        );
      },
      notice: ({ subject }, body) => ({
        title: '律师的咨询意见',
        body: body.suggestLegalAid ? '律师已写下咨询意见，并建议您申请法律援助，可以一键转为申请。' : '律师已写下咨询意见，请查看并评价。',
        link: consultationLink(subject.id),
      }),
    }),
  };

  /** The worker's message about a cancellation or a no-show. */
  notice({ action, input, subject }: Step): CaseNotice {
    return {
      title: action === 'mark_no_show' ? '咨询记为未到场' : '法律咨询已取消',
      body:
        action === 'staff_cancel'
          ? `法律援助中心取消了 ${whenText(subject.startsAt)} 的咨询：${input.comment ?? ''}。请重新预约。`
          : action === 'mark_no_show'
            ? `您没有参加 ${whenText(subject.startsAt)} 的咨询，可以重新预约。`
            : `您已取消 ${whenText(subject.startsAt)} 的咨询。`,
      link: consultationLink(subject.id),
    };
  }

  private async freeSlot({ manager, subject }: Step): Promise<void> {
    await manager.getRepository(Consultation).update({ id: subject.id }, { slotHeld: null });
  }

  private async reschedule({ manager, kase, subject }: Step, body: RescheduleConsultationRequest): Promise<void> {
    const now = this.clock.now();
    const startsAt = new Date(body.startsAt);
    const { rules } = await this.legalRules.effectiveFor(manager, now, kase.organizationPath);
    if (subject.startsAt.getTime() - now.getTime() < rules.bookingChangeHours * HOUR_MS) fail('change_too_late');
    const slot = await this.schedule.findSlot(
      manager,
      body.lawyerUserId,
      startsAt,
      subject.channel,
      now.getTime() + rules.bookingChangeHours * HOUR_MS,
      subject.id,
    );
    if (!slot) fail('slot_unavailable');
    const lawyer = await this.identity.user(body.lawyerUserId, manager);
    const org = await this.organizations.get(lawyer.organizationId as number, manager);
    await manager.getRepository(Consultation).update(
      { id: subject.id },
      {
        lawyerUserId: lawyer.id,
        startsAt,
        endsAt: new Date(slot.endsAt),
        place: subject.channel === 'in_person' ? slot.place : subject.place,
        remindedDayBeforeAt: null,
        remindedHourBeforeAt: null,
      },
    );
    // The case follows the lawyer to their organisation, so they (and their centre) can see it.
    await this.cases.place(manager, kase.id, { assigneeUserId: lawyer.id, organizationId: org.id, organizationPath: org.path });
    Object.assign(kase, { assigneeUserId: lawyer.id, organizationId: org.id, organizationPath: org.path });
  }
}
