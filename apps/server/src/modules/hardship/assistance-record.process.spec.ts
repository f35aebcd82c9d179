import {
  ASSISTANCE_RECORD_WORKFLOW as WF,
  type AssistanceRecordAction,
  type PayAssistanceRequest,
  type SignedFormRequest,
} from '@union/shared';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import type { UploadsService } from '../uploads/uploads.service';
import type { TransitionService } from '../workflow/transition.service';
import { applicantActor, caseRow, HOUR_MS, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { AssistanceRecord } from './entities/assistance-record.entity';
import { AssistanceRecordProcess } from './assistance-record.process';

const NOW = new Date('2026-12-03T06:30:00Z');

/** The aid record's process: records in memory, a clock that stands still, uploads a recorder that may refuse. */
function newTestService() {
  const db = new InMemoryDb();
  const [record] = db.seed(AssistanceRecord, {
    id: 50,
    caseId: 7,
    fileId: 12,
    aidType: 'living',
    amountFen: 200_000,
    paidAt: null,
    paymentReference: null,
    signedAt: null,
    signMethod: null,
    signedFormUploadId: null,
  });
  const clock = new StillClock(NOW);
  const attached: { actorId: number; ids: number[]; caseId: number }[] = [];
  const refusedUploads = new Set<number>();
  const uploads = {
    attachToCase: (_m: unknown, actor: Actor, ids: number[], caseId: number) => {
      if (ids.some((id) => refusedUploads.has(id))) fail('validation_failed', '有附件找不到或不能用在这件事上，请重新上传');
      attached.push({ actorId: actor.userId, ids, caseId });
      return Promise.resolve();
    },
  } as unknown as UploadsService;
  const process = new AssistanceRecordProcess(clock, {} as TransitionService, uploads);
  const kase = caseRow({ id: 7, caseType: 'assistance_record', subjectId: 50, state: 'approved' });
  const step = (action: AssistanceRecordAction, state: string, actor: Actor = staffActor(), comment?: string) =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase, state }, subject: record, actor, comment });
  return { db, clock, process, kase, step, attached, refusedUploads };
}

describe('AssistanceRecordProcess (collaborators replaced)', () => {
  it('loads the aid record the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 50, fileId: 12, amountFen: 200_000 });
    await expect(process.subject(db.manager, { ...kase, subjectId: 51 })).rejects.toThrow(/AssistanceRecord/);
  });

  it('records the real-name payment with its bank reference at the business time, and asks the worker to confirm', async () => {
    const { db, process, step } = newTestService();
    const { notice } = await takeStep(process, step('pay', 'approved'), {
      version: 3,
      paymentReference: 'BOC-20261203-0042',
    } satisfies PayAssistanceRequest);
    expect(db.row(AssistanceRecord, 50)).toMatchObject({ paidAt: NOW, paymentReference: 'BOC-20261203-0042', signedAt: null });
    expect(notice).toEqual({
      title: '帮扶已发放',
      body: '帮扶已按实名发放，请核对到账后在小程序里确认签收。',
      link: '/pages/hardship/file/index?id=12',
    });
  });

  it('records the worker’s signature in the app when the worker signs, at the time of signing', async () => {
    const { db, clock, process, step } = newTestService();
    clock.advance(26 * HOUR_MS);
    const { notice } = await takeStep(process, step('sign', 'paid', applicantActor()));
    expect(db.row(AssistanceRecord, 50)).toMatchObject({
      signedAt: new Date(NOW.getTime() + 26 * HOUR_MS),
      signMethod: 'in_app',
      signedFormUploadId: null,
    });
    expect(notice.title).toBe('已确认签收');
  });

  it('a paper receipt is attached to the case and recorded as signed on paper', async () => {
    const { db, process, step, attached } = newTestService();
    const { notice } = await takeStep(process, step('record_signed_form', 'paid'), {
      version: 4,
      uploadId: 88,
    } satisfies SignedFormRequest);
    expect(attached).toEqual([{ actorId: 1, ids: [88], caseId: 7 }]);
    expect(db.row(AssistanceRecord, 50)).toMatchObject({ signedAt: NOW, signMethod: 'paper_form', signedFormUploadId: 88 });
    expect(notice).toMatchObject({ title: '签收单已登记', body: '工会已登记您签字的签收单。' });
  });

  it('records no signature when the receipt cannot be attached (someone else’s file)', async () => {
    const { db, process, step, refusedUploads } = newTestService();
    refusedUploads.add(99);
    await expect(
      takeStep(process, step('record_signed_form', 'paid'), { version: 4, uploadId: 99 } satisfies SignedFormRequest),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(db.row(AssistanceRecord, 50)).toMatchObject({ signedAt: null, signMethod: null, signedFormUploadId: null });
  });

  it('a cancellation changes nothing on the record and tells the worker the reason', async () => {
    const { db, process, step } = newTestService();
    const { notice } = await takeStep(process, step('cancel', 'approved', staffActor(), '重复审批'));
    expect(db.writesTo(AssistanceRecord)).toEqual([]);
    expect(notice).toEqual({ title: '帮扶已撤销', body: '原因：重复审批', link: '/pages/hardship/file/index?id=12' });
  });
});
