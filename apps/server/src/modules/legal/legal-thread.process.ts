import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LEGAL_THREAD_WORKFLOW, type LegalThreadAction, type LegalThreadState, type PostThreadMessageRequest } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { Clock } from '../../common/clock';
import { Notifier } from '../notifications/notifier.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import type { CaseNotice, CaseProcess, StepContext, StepWork } from '../workflow/case-process';
import type { WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { LegalThread, LegalThreadMessage } from './entities/legal-thread.entity';
import { onItsOwnPage, withForm } from './form-step';
import { LegalRulesService } from './legal-rules.service';

const WF = LEGAL_THREAD_WORKFLOW;
/** Table name bound into the encryption of a thread's messages. */
export const THREAD_MESSAGES_TABLE = 'legal_thread_messages';
export const legalThreadLink = (id: number) => `/pages/legal/thread/index?id=${id}`;

/** The form each step of a thread records: a message, from either side; closing records none. */
export interface LegalThreadPayloads {
  reply: PostThreadMessageRequest;
  follow_up: PostThreadMessageRequest;
}

/** A thread as its steps see it: the row, and the centre's response deadline in force (working days). */
export interface LegalThreadSubject {
  thread: LegalThread;
  responseWorkingDays: number;
}

type Step = StepContext<LegalThreadState, LegalThreadSubject>;

/**
 * What each step of an online consultation does: a message from the worker goes back to the
 * centre (and tells the lawyer), the lawyer's answer goes to the worker, each within the response
 * deadline of the rules in force; either side closes it.
 */
@Injectable()
export class LegalThreadProcess
  implements CaseProcess<LegalThreadState, LegalThreadAction, LegalThreadSubject, LegalThreadPayloads>, OnModuleInit
{
  readonly def = WF;

  constructor(
    private readonly transitions: TransitionService,
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly uploads: UploadsService,
    private readonly notifier: Notifier,
    private readonly legalRules: LegalRulesService,
  ) {}

  onModuleInit(): void {
    this.transitions.register(this);
  }

  async subject(manager: EntityManager, kase: WorkflowCase): Promise<LegalThreadSubject> {
    const thread = await manager.getRepository(LegalThread).findOneByOrFail({ id: kase.subjectId ?? 0 });
    const { rules } = await this.legalRules.effectiveFor(manager, this.clock.now(), kase.organizationPath);
    return { thread, responseWorkingDays: rules.threadResponseWorkingDays };
  }

  deadlines(_manager: EntityManager, subject: LegalThreadSubject): Promise<Readonly<Record<string, number>>> {
    return Promise.resolve({ threadResponse: subject.responseWorkingDays });
  }

  /** A message: the worker's follows up (back to the centre), the lawyer's answers (to the worker). */
  private message(action: 'reply' | 'follow_up'): StepWork<LegalThreadState, LegalThreadSubject, PostThreadMessageRequest> {
    const fromWorker = action === 'follow_up';
    return withForm(onItsOwnPage(WF, action), {
      before: async ({ manager, actor, kase, subject: { thread } }, body) => {
        const message = await this.insertMessage(manager, actor, thread, kase.id, !fromWorker, body);
        await manager
          .getRepository(LegalThread)
          .update(
            { id: thread.id },
            fromWorker ? { lastAt: message.createdAt, workerReadId: message.id } : { lastAt: message.createdAt, centreReadId: message.id },
          );
        if (fromWorker && kase.assigneeUserId) {
          await this.notifier.notify(manager, {
            userId: kase.assigneeUserId,
            title: '在线咨询有新留言',
            body: body.body.trim().slice(0, 40),
            link: legalThreadLink(thread.id),
            status: WF.states.waiting_centre.label,
          });
        }
      },
      notice: ({ subject: { thread, responseWorkingDays } }, body) =>
        fromWorker
          ? { title: '留言已发出', body: `律师会在 ${responseWorkingDays} 个工作日内答复。`, link: legalThreadLink(thread.id) }
          : { title: '律师答复了您的在线咨询', body: body.body.trim().slice(0, 60), link: legalThreadLink(thread.id) },
    });
  }

  readonly steps: CaseProcess<LegalThreadState, LegalThreadAction, LegalThreadSubject, LegalThreadPayloads>['steps'] = {
    reply: this.message('reply'),
    follow_up: this.message('follow_up'),
  };

  /** Closing (the worker: solved; the centre: after its answer). */
  notice({ subject: { thread } }: Step): CaseNotice {
    return { title: '在线咨询已结束', body: '有新问题可以再发起在线咨询。', link: legalThreadLink(thread.id) };
  }

  /** A message on the thread, its photos attached to the case (the first one, or one of a step). */
  async insertMessage(
    manager: EntityManager,
    actor: Actor,
    thread: LegalThread,
    caseId: number,
    fromCentre: boolean,
    body: PostThreadMessageRequest,
  ): Promise<LegalThreadMessage> {
    await this.uploads.attachToCase(manager, actor, body.uploadIds ?? [], caseId);
    const repo = manager.getRepository(LegalThreadMessage);
    return repo.save(
      repo.create({
        threadId: thread.id,
        authorUserId: actor.userId,
        authorName: actor.displayName,
        fromCentre,
        bodyEnc: this.cipher.encrypt(body.body.trim(), piiAad(THREAD_MESSAGES_TABLE, thread.uid, 'body')),
        uploadIds: [...new Set(body.uploadIds ?? [])],
        createdAt: this.clock.now(),
      }),
    );
  }
}
