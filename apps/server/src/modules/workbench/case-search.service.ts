import { Injectable } from '@nestjs/common';
import { applicantMatch, caseRoute, WORKFLOWS, type CaseSearchItem, type CaseSearchPage, type CaseSearchQuery } from '@union/shared';
import { Brackets } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { subtree, whereStaffHandles } from '../../common/case-access';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { MembersService } from '../membership/members.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { PiiAuditService } from '../pii/pii-audit.service';
import { PiiCipher } from '../pii/pii-cipher';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases } from '../workflow/workflow-cases.service';

/** Case types shown and handled on the page of another case (objections on the notice's). */
const PART_OF_OTHERS = Object.values(WORKFLOWS)
  .filter((def) => def.partOf)
  .map((def) => def.caseType);

/**
 * The staff's search over the cases of every type, read from `workflow_cases` alone: what the actor
 * handles (place, function, assignment, never their own case: the one access helper), narrowed by
 * type, step, part of the tree, overdue or open, and applicant; newest first, by keyset on the id.
 */
@Injectable()
export class CaseSearchService {
  constructor(
    private readonly db: Db,
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly members: MembersService,
    private readonly cipher: PiiCipher,
    private readonly audit: PiiAuditService,
    private readonly caseViews: CaseViews,
    private readonly clock: Clock,
  ) {}

  async search(actor: Actor, query: CaseSearchQuery): Promise<CaseSearchPage> {
    if (!actor.organization) fail('forbidden');
    const limit = query.limit ?? 20;
    const now = this.clock.now();
    const qb = this.cases.query();
    whereStaffHandles(qb, actor, query.caseType ? [query.caseType] : undefined);
    if (query.caseType) qb.andWhere('c.caseType = :caseType', { caseType: query.caseType });
    // Objections are found on the page of the case whose notice they are about, not on their own.
    qb.andWhere('c.caseType NOT IN (:...partOfOthers)', { partOfOthers: PART_OF_OTHERS });
    if (query.state) qb.andWhere('c.state = :state', { state: query.state });
    if (query.organizationId) {
      const org = await this.organizations.findById(query.organizationId);
      if (!org) fail('validation_failed', '没有这个组织', [{ field: 'organizationId', message: '没有这个组织' }]);
      if (!org.path.startsWith(actor.organization.path)) fail('forbidden', '只能查找本级及下级组织的案件');
      qb.andWhere(subtree('c.organizationPath', org.path));
    }
    if (query.open !== undefined) qb.andWhere(query.open ? 'c.closedAt IS NULL' : 'c.closedAt IS NOT NULL');
    if (query.overdue) qb.andWhere('c.closedAt IS NULL AND c.dueAt IS NOT NULL AND c.dueAt < :now', { now });
    const match = query.applicant ? applicantMatch(query.applicant) : null;
    if (match) {
      if (match.by === 'idNumber') {
        // The ID is turned into its blind index here and goes no further: not stored, not logged.
        const idIndex = this.cipher.blindIndex('id_number', match.idNumber);
        const userIds = await this.members.userIdsByIdIndex(idIndex);
        qb.andWhere(
          new Brackets((w) => {
            w.where('c.applicantIdIndex = :idIndex', { idIndex });
            if (userIds.length) w.orWhere('c.applicantUserId IN (:...userIds)', { userIds });
          }),
        );
      } else {
        qb.andWhere('c.applicantNameMasked = :maskedName', { maskedName: match.maskedName });
      }
    }
    if (query.after) {
      const [afterId] = decodeCursor<[number]>(query.after, ['number']);
      qb.andWhere('c.id < :afterId', { afterId });
    }
    const rows = await qb
      .orderBy('c.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    if (match?.by === 'idNumber') await this.audit.recordIdLookup(this.db.manager, actor, 'workflow_cases', page.length);
    const orgNames = await this.organizations.namesByIds(page.map((c) => c.organizationId));
    const items = page.map((c): CaseSearchItem => {
      const { caseTypeLabel, stateLabel, stateTone, terminal } = this.caseViews.describe(c);
      const subjectId = c.subjectId ?? 0;
      return {
        caseId: c.id,
        caseType: c.caseType as CaseSearchItem['caseType'],
        caseTypeLabel,
        subjectId,
        route: caseRoute(c.caseType, 'staff', subjectId),
        title: c.title,
        state: c.state,
        stateLabel,
        stateTone,
        terminal,
        applicantNameMasked: c.applicantNameMasked,
        organizationName: orgNames.get(c.organizationId) ?? '',
        submittedAt: c.submittedAt.toISOString(),
        closedAt: c.closedAt?.toISOString() ?? null,
        deadline: this.caseViews.deadline(c, now),
      };
    });
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.id]) : null };
  }
}
