import { Injectable } from '@nestjs/common';
import { EMPLOYER_FLAG_LABEL, type CreateEmployerFlagRequest, type EmployerFlagKind, type EmployerFlagView } from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { mayHandle } from '../../common/case-access';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { LegalAidViews } from '../legal/legal-aid-views.service';
import { employerKey } from '@union/shared';
import { EmployerFlag } from './entities/entry.entity';
import { Clock } from '../../common/clock';
import { newestFirst } from '../../common/cursor';
import type { Page } from '@union/shared';
import { findRow } from '../../database/plain-reads';

/** How long a serious accident excludes an employer (DOMAIN.md §5: the past 3 years). */
const ACCIDENT_YEARS = 3;

/**
 * Employers whose workers' entries and nominations are excluded: flags the union keeps (wage
 * arrears, no union, a serious accident in the past 3 years) and wage arrears shown by unpaid-wages
 * legal-aid cases the centre accepted and is handling in this system.
 */
@Injectable()
export class EmployerFlagsService {
  constructor(
    private readonly legalAid: LegalAidViews,
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async list(page: { after?: string; limit?: number }): Promise<Page<EmployerFlagView>> {
    const { rows, nextCursor } = await newestFirst(this.db.manager.getRepository(EmployerFlag).createQueryBuilder('f'), 'f.id', page);
    return { items: rows.map((r) => this.view(r)), nextCursor };
  }

  async create(actor: Actor, body: CreateEmployerFlagRequest): Promise<EmployerFlagView> {
    if (!actor.organization) fail('forbidden');
    const organizationPath = actor.organization.path;
    if (body.since > this.clock.today()) fail('validation_failed', undefined, [{ field: 'since', message: '日期不能晚于今天' }]);
    try {
      return await this.db.transaction(async (manager) => {
        const repo = manager.getRepository(EmployerFlag);
        const row = await repo.save(
          repo.create({
            employerKey: employerKey({ name: body.employerName }),
            employerName: body.employerName.trim(),
            kind: body.kind,
            note: body.note.trim(),
            since: body.since,
            createdByName: actor.displayName,
            organizationPath,
            createdAt: this.clock.now(),
          }),
        );
        return this.view(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) fail('validation_failed', '这家单位已有同类标记', [{ field: 'kind', message: '已有同类标记' }]);
      throw err;
    }
  }

  /**
   * Lift a flag: staff whose subtree covers the organisation that set it (a town cannot lift the
   * county's flag; the flag excludes the employer from every competition and nomination).
   */
  async remove(actor: Actor, id: number): Promise<void> {
    await this.db.transaction(async (manager) => {
      const flag = await findRow(manager, EmployerFlag, { id });
      if (!flag) fail('not_found');
      if (!mayHandle(actor, 'competition.manage', flag.organizationPath)) fail('forbidden', '这个标记是上级工会设的，只有上级工会能撤销');
      const result = await manager.getRepository(EmployerFlag).delete({ id });
      if (!result.affected) fail('not_found');
    });
  }

  /** The reason each employer (by key) is excluded today, or nothing; in two queries for any number of employers. */
  async exclusions(manager: EntityManager, keys: string[], today = this.clock.today()): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const unique = [...new Set(keys)].filter(Boolean);
    if (unique.length === 0) return result;
    const accidentCutoff = `${Number(today.slice(0, 4)) - ACCIDENT_YEARS}${today.slice(4)}`;
    const flags = await manager.getRepository(EmployerFlag).findBy({ employerKey: In(unique) });
    for (const f of flags) {
      if (f.kind === 'serious_accident' && f.since < accidentCutoff) continue;
      result.set(f.employerKey, `${EMPLOYER_FLAG_LABEL[f.kind as EmployerFlagKind]}：${f.note}`);
    }
    const arrears = await this.legalAid.employersWithWageCasesInHand(manager, unique);
    for (const key of arrears) if (!result.has(key)) result.set(key, '拖欠工资：法律援助中心有正在办理的欠薪案件');
    return result;
  }

  private view(r: EmployerFlag): EmployerFlagView {
    return {
      id: r.id,
      employerName: r.employerName,
      kind: r.kind,
      kindLabel: EMPLOYER_FLAG_LABEL[r.kind],
      note: r.note,
      since: r.since,
      source: 'register',
    };
  }
}
