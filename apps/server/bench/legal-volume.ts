import { randomUUID } from 'node:crypto';
import { cstDate, LEGAL_AID_WORKFLOW, type LegalAidState } from '@union/shared';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { IsNull } from 'typeorm';
import { User } from '../src/modules/identity/entities/user.entity';
import { LegalAidApplication } from '../src/modules/legal/entities/legal-aid-application.entity';
import { LEGAL_AID_TABLE } from '../src/modules/legal/legal-aid.helpers';
import { Organization } from '../src/modules/organizations/organization.entity';
import { PiiCipher, piiAad } from '../src/modules/pii/pii-cipher';
import { WorkflowCase } from '../src/modules/workflow/entities/workflow-case.entity';
import { CaseQueueEntry } from '../src/modules/workflow/entities/case-queue-entry.entity';
import { queueRowsOf } from '../src/modules/workflow/case-queue';
import { rebuildQueueCounts } from '../src/database/migrations/case-queue-rows';

const DAY = 86_400_000;
const BATCH = 500;
const EMPLOYERS = ['县城建筑公司', '城关纺织有限公司', '万安食品有限公司', '城关快递服务部', '万安镇农机合作社', '县城某建筑劳务队'];

/** How legal-aid cases spread over states after a few years. */
const STATE_MIX: [LegalAidState, number][] = [
  ['submitted', 0.05],
  ['accepted', 0.05],
  ['negotiation', 0.1],
  ['mediation', 0.15],
  ['arbitration', 0.15],
  ['litigation', 0.05],
  ['closed', 0.4],
  ['rejected', 0.05],
];

async function nextId(manager: EntityManager, table: string): Promise<number> {
  const [row] = (await manager.query(`SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`)) as { n: number | string }[];
  return Number(row.n) + 1;
}

async function insertBatched<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + BATCH) as never)
      .updateEntity(false)
      .execute();
  }
}

/**
 * Add `count` legal-aid cases at the county's centre, with encrypted personal data as the service
 * writes it, shared between the two county lawyers; open cases have their next statutory period
 * ending within the next 60 days, so "runs out within 7 days" has work to find.
 */
export async function addLegalVolume(ds: DataSource, cipher: PiiCipher, count: number): Promise<{ cases: number; lawyerCases: number }> {
  let seed = 20_261_124;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return ds.transaction(async (manager) => {
    const county = await manager.getRepository(Organization).findOneByOrFail({ parentId: IsNull() });
    const staff = await manager.getRepository(User).find({ order: { id: 'ASC' } });
    const lawyers = staff.filter((u) => u.roles.includes('lawyer') && u.organizationId === county.id);
    const workers = staff.filter((u) => u.organizationId === null).slice(0, 2000);
    if (lawyers.length === 0 || workers.length === 0) throw new Error('the demo county must be seeded first');
    const firstCase = await nextId(manager, 'workflow_cases');
    const firstApp = await nextId(manager, 'legal_aid_applications');
    const now = Date.now();
    const today = cstDate(new Date());
    const kases: WorkflowCase[] = [];
    const apps: LegalAidApplication[] = [];
    let lawyerCases = 0;
    for (let i = 0; i < count; i += 1) {
      let r = random();
      let state: LegalAidState = 'closed';
      for (const [s, share] of STATE_MIX) {
        if (r < share) {
          state = s;
          break;
        }
        r -= share;
      }
      const def = LEGAL_AID_WORKFLOW.states[state];
      const submittedAt = new Date(now - Math.floor(random() * 700) * DAY);
      const lawyer = state === 'submitted' || state === 'rejected' ? null : lawyers[i % lawyers.length];
      if (lawyer?.demoPersona === 'lawyer') lawyerCases += 1;
      const applicant = workers[Math.floor(random() * workers.length)];
      const caseId = firstCase + i;
      kases.push(
        Object.assign(new WorkflowCase(), {
          id: caseId,
          caseType: LEGAL_AID_WORKFLOW.caseType,
          subjectType: LEGAL_AID_WORKFLOW.subjectType,
          subjectId: firstApp + i,
          state,
          version: 2,
          holder: def.holder,
          organizationId: county.id,
          organizationPath: county.path,
          applicantUserId: applicant.id,
          assigneeUserId: lawyer?.id ?? null,
          title: '拖欠工资法律援助',
          submittedAt,
          dueAt: state === 'submitted' ? new Date(submittedAt.getTime() + 9 * DAY) : null,
          closedAt: def.terminal ? new Date(submittedAt.getTime() + 60 * DAY) : null,
          updatedAt: submittedAt,
        }),
      );
      const uid = randomUUID();
      const aad = (field: string) => piiAad(LEGAL_AID_TABLE, uid, field);
      const employer = EMPLOYERS[i % EMPLOYERS.length];
      const started = cstDate(new Date(submittedAt.getTime() - 300 * DAY));
      apps.push(
        Object.assign(new LegalAidApplication(), {
          id: firstApp + i,
          caseId,
          uid,
          applicantUserId: applicant.id,
          applicantName: applicant.displayName,
          phoneEnc: cipher.encrypt(`139${String(10_000_000 + i).slice(-8)}`, aad('phone')),
          disputeType: 'unpaid_wages',
          employerName: employer,
          employerKey: employer,
          employerCreditCode: null,
          employerAddress: null,
          claimsEnc: cipher.encrypt('支付拖欠的工资。', aad('claims')),
          amountClaimedFen: 500_000 + (i % 50) * 10_000,
          employmentStartedOn: started,
          employmentEndedOn: cstDate(new Date(submittedAt.getTime() - 20 * DAY)),
          learnedOn: cstDate(new Date(submittedAt.getTime() - 20 * DAY)),
          isMigrantWorker: true,
          householdEnc: cipher.encrypt(JSON.stringify({ monthlyIncomeFen: 600_000, size: 3 }), aad('household')),
          circumstancesEnc: cipher.encrypt(
            JSON.stringify({ seriousIllnessOrDisaster: false, unionStaffHarmedForDuty: false }),
            aad('circumstances'),
          ),
          eligibilityEnc: cipher.encrypt(
            JSON.stringify({
              eligible: true,
              exemption: 'migrant_wage_or_injury',
              incomePerHeadFen: 200_000,
              reasons: ['农民工追索劳动报酬或工伤赔偿，免予审查经济困难条件。'],
            }),
            aad('eligibility'),
          ),
          ruleSetVersion: 0,
          evidence: [],
          witnessesEnc: null,
          consentVersion: 'bench',
          fromConsultationId: null,
          decisionReason: null,
          otherHelp: null,
          mediationStartedOn: null,
          mediationEndedOn: null,
          arbitrationAppliedOn: null,
          arbitrationAcceptedOn: null,
          awardExtended: false,
          awardReceivedOn: null,
          lawsuitFiledOn: null,
          nextClockDueOn: def.terminal
            ? null
            : new Date(Date.parse(`${today}T00:00:00Z`) + Math.floor(random() * 60) * DAY).toISOString().slice(0, 10),
          outcome: state === 'closed' ? 'settled' : null,
          amountRecoveredFen: state === 'closed' ? 400_000 : null,
          recoveredOn: state === 'closed' ? cstDate(new Date(submittedAt.getTime() + 50 * DAY)) : null,
          closingNote: state === 'closed' ? '协商解决。' : null,
          createdAt: submittedAt,
        }),
      );
    }
    await insertBatched(manager, WorkflowCase, kases);
    await insertBatched(manager, CaseQueueEntry, kases.flatMap(queueRowsOf));
    await rebuildQueueCounts((sql, params) => manager.query(sql, params));
    await insertBatched(manager, LegalAidApplication, apps);
    return { cases: count, lawyerCases };
  });
}
