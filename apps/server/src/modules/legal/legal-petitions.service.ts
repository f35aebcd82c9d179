import { whereStaffHandles } from '../../common/case-access';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  maskName,
  maskPhone,
  PETITION_CHANNEL_LABEL,
  PETITION_WORKFLOW,
  type CreatePetitionRequest,
  type Page,
  type PetitionAction,
  type PetitionMeetingRequest,
  type PetitionState,
  type PetitionView,
  type ResolvePetitionRequest,
  type TransitionRequest,
} from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { newestFirst } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiCipher, piiAad } from '../pii/pii-cipher';
import { UploadsService } from '../uploads/uploads.service';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { Petition, PetitionMeeting } from './entities/petition.entity';
import { dueAfter, PetitionProcess } from './petition.process';
import { Clock } from '../../common/clock';
import { findRow } from '../../database/plain-reads';

const WF = PETITION_WORKFLOW;
const TABLE = 'petitions';

/**
 * Petitions and disputes brought to the union (职工信访、劳动争议调处): registered by staff,
 * accepted or declined within 15 days, resolved within 60 (extendable once by 30), with the
 * meetings held and the legal-aid cases they led to.
 */
@Injectable()
export class LegalPetitionsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
    private readonly cipher: PiiCipher,
    private readonly uploads: UploadsService,
    private readonly process: PetitionProcess,
  ) {}

  async create(actor: Actor, body: CreatePetitionRequest): Promise<PetitionView> {
    if (!actor.organization) fail('forbidden');
    const today = this.clock.today();
    if (body.receivedOn > today) fail('validation_failed', undefined, [{ field: 'receivedOn', message: '收到日期不能晚于今天' }]);
    const id = await this.db.transaction(async (manager) => {
      const org = await this.organizations.get(actor.organization?.id ?? 0, manager);
      // The petitioner need not use the platform: the registering staff member stands as the case's applicant.
      const kase = await this.transitions.open(manager, WF, {
        actor,
        organization: org,
        applicantUserId: actor.userId,
        title: `${PETITION_CHANNEL_LABEL[body.channel]}：${body.subject.trim().slice(0, 40)}`,
        applicant: { name: body.petitionerName.trim() },
      });
      const dueAt = dueAfter(body.receivedOn, 15);
      await this.cases.place(manager, kase.id, { dueAt });
      const uid = randomUUID();
      const aad = (field: string) => piiAad(TABLE, uid, field);
      const repo = manager.getRepository(Petition);
      const row = await repo.save(
        repo.create({
          caseId: kase.id,
          uid,
          channel: body.channel,
          petitionerNameEnc: this.cipher.encrypt(body.petitionerName.trim(), aad('name')),
          petitionerNameMasked: maskName(body.petitionerName.trim()),
          petitionerPhoneEnc: this.cipher.encrypt(body.petitionerPhone, aad('phone')),
          employerName: body.employerName.trim(),
          workerCount: body.workerCount,
          subject: body.subject.trim(),
          contentEnc: this.cipher.encrypt(body.content.trim(), aad('content')),
          receivedOn: body.receivedOn,
          extended: false,
          result: null,
          declineReason: null,
          legalAidApplicationIds: [],
          resolvedAt: null,
          createdAt: this.clock.now(),
        }),
      );
      await this.transitions.attachSubject(manager, kase, row.id);
      return row.id;
    });
    return this.get(actor, id);
  }

  /** Petitions in the actor's scope, newest first. */
  async list(actor: Actor, query: { after?: string; limit?: number }): Promise<Page<PetitionView>> {
    if (!actor.organization) fail('forbidden');
    const qb = this.cases.joinCase(this.db.manager.getRepository(Petition).createQueryBuilder('p'), 'p', 'c');
    whereStaffHandles(qb, actor, [WF.caseType]);
    const { rows, nextCursor } = await newestFirst(qb, 'p.id', query);
    return { items: await this.views(this.db.manager, actor, rows), nextCursor };
  }

  async get(actor: Actor, id: number): Promise<PetitionView> {
    const row = await findRow(this.db.manager, Petition, { id });
    const [view] = row ? await this.views(this.db.manager, actor, [row]) : [];
    if (!view) fail('not_found');
    return view;
  }

  /** Accept (resolution due in 60 days), decline with the reason, or extend once by 30 days. */
  async transition(actor: Actor, id: number, body: TransitionRequest<PetitionAction>): Promise<PetitionView> {
    const row = await this.row(id);
    await this.transitions.apply(actor, this.process, row.caseId, body);
    return this.get(actor, id);
  }

  /** A meeting held on the petition (with the employer, the workers, the labour bureau …). */
  async meeting(actor: Actor, id: number, body: PetitionMeetingRequest): Promise<PetitionView> {
    const row = await this.row(id);
    if (body.heldOn > this.clock.today()) fail('validation_failed', undefined, [{ field: 'heldOn', message: '日期不能晚于今天' }]);
    await this.db.transaction(async (manager) => {
      const { kase, ctx } = await this.transitions.loadVisible(manager, actor, WF.caseType, row.caseId);
      if (!ctx.staffLevel || WF.states[kase.state as PetitionState].terminal) fail('action_not_allowed', '已办结的信访件不能再登记会议');
      await this.uploads.attachToCase(manager, actor, body.uploadIds ?? [], kase.id);
      await manager.getRepository(PetitionMeeting).insert({
        petitionId: id,
        heldOn: body.heldOn,
        attendees: body.attendees.trim(),
        summaryEnc: this.cipher.encrypt(body.summary.trim(), piiAad(TABLE, row.uid, 'meeting')),
        uploadIds: [...new Set(body.uploadIds ?? [])],
        recordedByName: actor.displayName,
        createdAt: this.clock.now(),
      });
    });
    return this.get(actor, id);
  }

  /** Resolve with the result, linking the legal-aid cases it led to. */
  async resolve(actor: Actor, id: number, body: ResolvePetitionRequest): Promise<PetitionView> {
    const row = await this.row(id);
    await this.transitions.apply(actor, this.process, row.caseId, { action: 'resolve', version: body.version }, body);
    return this.get(actor, id);
  }

  private async row(id: number): Promise<Petition> {
    const row = await findRow(this.db.manager, Petition, { id });
    if (!row) fail('not_found');
    return row;
  }

  private async views(manager: EntityManager, actor: Actor, rows: Petition[]): Promise<PetitionView[]> {
    if (rows.length === 0) return [];
    const caseIds = rows.map((r) => r.caseId);
    const cases = await this.cases.mapByIds(caseIds, manager);
    const [histories, files, meetings] = await Promise.all([
      this.transitions.historyOf(manager, caseIds),
      this.uploads.listForCase(manager, caseIds),
      manager.getRepository(PetitionMeeting).find({ where: { petitionId: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } }),
    ]);
    const out: PetitionView[] = [];
    for (const row of rows) {
      const kase = cases.get(row.caseId);
      const ctx = kase ? this.transitions.actorContext(actor, kase) : null;
      // Petitions are the union's records: only staff in scope see them.
      if (!kase || !ctx?.staffLevel) continue;
      const aad = (field: string) => piiAad(TABLE, row.uid, field);
      const state = kase.state as PetitionState;
      const caseFiles = new Map((files.get(row.caseId) ?? []).map((f) => [f.id, f]));
      out.push({
        id: row.id,
        caseId: kase.id,
        state,
        stateLabel: WF.states[state].label,
        version: kase.version,
        channel: row.channel,
        channelLabel: PETITION_CHANNEL_LABEL[row.channel],
        petitionerNameMasked: row.petitionerNameMasked,
        petitionerPhoneMasked: this.cipher.readable(row.petitionerPhoneEnc, aad('phone'), maskPhone),
        employerName: row.employerName,
        workerCount: row.workerCount,
        subject: row.subject,
        content: this.cipher.readable(row.contentEnc, aad('content')),
        receivedOn: row.receivedOn,
        extended: row.extended,
        result: row.result,
        declineReason: row.declineReason,
        legalAidApplicationIds: row.legalAidApplicationIds,
        meetings: meetings
          .filter((m) => m.petitionId === row.id)
          .map((m) => ({
            id: m.id,
            heldOn: m.heldOn,
            attendees: m.attendees,
            summary: this.cipher.readable(m.summaryEnc, aad('meeting')),
            documents: m.uploadIds.map((u) => caseFiles.get(u)).filter((u) => !!u),
            recordedByName: m.recordedByName,
          })),
        deadline: this.caseViews.deadline(kase),
        history: this.caseViews.history(WF, histories.get(row.caseId) ?? []),
        actions: this.transitions.actionsFor(WF, kase, ctx),
      });
    }
    return out;
  }
}
