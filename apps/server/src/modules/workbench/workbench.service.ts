import { Injectable } from '@nestjs/common';
import {
  MEMBERSHIP_APPLICATION_WORKFLOW,
  MEMBERSHIP_TRANSFER_WORKFLOW,
  type Page,
  type StateDef,
  type WorkbenchCaseType,
  type WorkbenchItem,
} from '@union/shared';
import { In } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { MembershipApplication } from '../membership/entities/membership-application.entity';
import { MembershipTransfer } from '../membership/entities/membership-transfer.entity';
import { MembershipViews } from '../membership/membership-views.service';
import { Organization } from '../organizations/organization.entity';
import { WorkflowCase } from '../workflow/entities/workflow-case.entity';

const CASE_TYPES: Record<WorkbenchCaseType, { label: string; states: Record<string, StateDef> }> = {
  membership_application: { label: '入会申请', states: MEMBERSHIP_APPLICATION_WORKFLOW.states },
  membership_transfer: { label: '会籍接转', states: MEMBERSHIP_TRANSFER_WORKFLOW.states },
};

/** The staff queue: cases waiting for staff in the actor's subtree, oldest due first. */
@Injectable()
export class WorkbenchService {
  constructor(
    private readonly db: Db,
    private readonly views: MembershipViews,
  ) {}

  async queue(actor: Actor, after: string | undefined, limit: number): Promise<Page<WorkbenchItem>> {
    if (!actor.organization) fail('forbidden');
    const qb = this.db.manager
      .getRepository(WorkflowCase)
      .createQueryBuilder('c')
      .where('c.holder = :holder', { holder: 'staff' })
      .andWhere('c.organizationPath LIKE :path', { path: `${actor.organization.path}%` })
      .andWhere('c.caseType IN (:...types)', { types: Object.keys(CASE_TYPES) })
      .andWhere('c.dueAt IS NOT NULL')
      .orderBy('c.dueAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit + 1);
    if (after) {
      const [dueIso, id] = decodeCursor<[string, number]>(after, ['string', 'number']);
      const due = new Date(dueIso);
      if (Number.isNaN(due.getTime())) fail('validation_failed', '分页参数无效');
      qb.andWhere('(c.dueAt > :due OR (c.dueAt = :due AND c.id > :id))', { due, id });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const ids = page.map((c) => c.id);
    const manager = this.db.manager;
    const [apps, transfers, orgs] = ids.length
      ? await Promise.all([
          manager.getRepository(MembershipApplication).findBy({ caseId: In(ids) }),
          manager.getRepository(MembershipTransfer).findBy({ caseId: In(ids) }),
          manager.getRepository(Organization).findBy({ id: In([...new Set(page.map((c) => c.organizationId))]) }),
        ])
      : [[], [], []];
    const subjectId = new Map<number, number>([
      ...apps.map((a) => [a.caseId, a.id] as const),
      ...transfers.map((t) => [t.caseId, t.id] as const),
    ]);
    const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
    const now = new Date();
    const items = page.map((c): WorkbenchItem => {
      const type = CASE_TYPES[c.caseType as WorkbenchCaseType];
      return {
        caseType: c.caseType as WorkbenchCaseType,
        caseTypeLabel: type.label,
        id: subjectId.get(c.id) ?? 0,
        title: c.title,
        state: c.state as WorkbenchItem['state'],
        stateLabel: type.states[c.state]?.label ?? c.state,
        organizationName: orgNames.get(c.organizationId) ?? '',
        submittedAt: c.submittedAt.toISOString(),
        deadline: this.views.deadline(c, now),
      };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last?.dueAt ? encodeCursor([last.dueAt.toISOString(), last.id]) : null };
  }
}
