import { randomUUID } from 'node:crypto';
import { idCheckDigit, maskName, MEMBERSHIP_APPLICATION_WORKFLOW, type MembershipApplicationState } from '@union/shared';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { User } from '../src/modules/identity/entities/user.entity';
import { MembershipApplication } from '../src/modules/membership/entities/membership-application.entity';
import { Message } from '../src/modules/notifications/message.entity';
import { Organization } from '../src/modules/organizations/organization.entity';
import { PiiCipher, piiAad } from '../src/modules/pii/pii-cipher';
import { CaseHistory } from '../src/modules/workflow/entities/case-history.entity';
import { WorkflowCase } from '../src/modules/workflow/entities/workflow-case.entity';
import { CaseQueueEntry } from '../src/modules/workflow/entities/case-queue-entry.entity';
import { queueRowsOf } from '../src/modules/workflow/case-queue';
import { rebuildQueueCounts } from '../src/database/migrations/case-queue-rows';

/** Demo persona key of the worker whose lists are measured (logs in through the demo login). */
export const BENCH_WORKER = 'bench_worker';
/** Demo persona key of a worker with a single application. */
export const BENCH_WORKER_ONE = 'bench_worker_one';

/** What the volume holds, for the report and for choosing the deep page. */
export interface Volume {
  cases: number;
  /** Copies of the cases made in SQL (BENCH_SCALE), on top of `cases`. */
  copies: number;
  users: number;
  history: number;
  messages: number;
  /** Applications and messages of the measured worker. */
  benchWorker: { applications: number; messages: number };
  seconds: number;
}

const DAY = 86_400_000;
const BATCH = 500;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const EMPLOYERS = ['县城建筑公司', '城关纺织有限公司', '万安食品有限公司', '县人民医院', '城关镇快递站', '万安镇农机合作社'];

/** How the cases are spread over states: about what a county sees after two years of use. */
const STATE_MIX: [MembershipApplicationState, number][] = [
  ['submitted', 0.25],
  ['needs_info', 0.05],
  ['approved', 0.55],
  ['rejected', 0.1],
  ['withdrawn', 0.05],
];

/** The history a case in `state` has (after the submit row), with who acts. */
const STEP: Record<MembershipApplicationState, { action: string; by: 'staff' | 'applicant' } | null> = {
  submitted: null,
  needs_info: { action: 'request_info', by: 'staff' },
  approved: { action: 'approve', by: 'staff' },
  rejected: { action: 'reject', by: 'staff' },
  withdrawn: { action: 'withdraw', by: 'applicant' },
};

/** Deterministic pseudo-random numbers, so two runs measure the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickState(r: number): MembershipApplicationState {
  let acc = 0;
  for (const [state, share] of STATE_MIX) {
    acc += share;
    if (r < acc) return state;
  }
  return 'approved';
}

/** A valid ID number, unique per sequence number (birth date and serial vary with it). */
function idNumber(seq: number): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + (seq % 12_000) * DAY);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `441302${ymd}${String(Math.floor(seq / 12_000) % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

async function nextId(manager: EntityManager, table: string): Promise<number> {
  const [row] = (await manager.query(`SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`)) as { n: number | string }[];
  return Number(row.n) + 1;
}

/** One multi-row INSERT per BATCH rows. */
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
 * Add `cases` membership applications (with their workflow case, history and the messages the
 * applicant got) across the seeded organisation tree, in batched multi-row inserts. Rows look
 * like what the services write (encrypted personal data included), so the measured endpoints
 * do their real work on them.
 */
export async function addVolume(ds: DataSource, cipher: PiiCipher, cases: number): Promise<Volume> {
  const started = Date.now();
  const random = rng(20_260_101);
  return ds.transaction(async (manager) => {
    const orgs = (await manager.getRepository(Organization).find({ order: { id: 'ASC' } })).filter((o) => o.level !== 'county');
    const staff = (await manager.getRepository(User).find({ where: {}, order: { id: 'ASC' } })).filter((u) => u.organizationId !== null);
    if (orgs.length === 0 || staff.length === 0) throw new Error('the demo county must be seeded first');

    const now = Date.now();
    const userCount = Math.max(100, Math.floor(cases / 2));
    const firstUser = await nextId(manager, 'users');
    const users: User[] = [];
    for (let i = 0; i < userCount; i += 1) {
      users.push(
        Object.assign(new User(), {
          id: firstUser + i,
          openid: null,
          sessionKeyEnc: null,
          demoPersona: i === 0 ? BENCH_WORKER : i === 1 ? BENCH_WORKER_ONE : null,
          displayName: i === 0 ? '压测职工' : `职工${i}`,
          roles: ['worker'],
          organizationId: null,
          createdAt: new Date(now - 800 * DAY),
        }),
      );
    }
    const benchWorkerId = firstUser;
    const singleWorkerId = firstUser + 1;

    const firstCase = await nextId(manager, 'workflow_cases');
    const firstApp = await nextId(manager, 'membership_applications');
    const kases: WorkflowCase[] = [];
    const apps: MembershipApplication[] = [];
    const history: CaseHistory[] = [];
    const messages: Message[] = [];
    const benchWorker = { applications: 0, messages: 0 };
    for (let i = 0; i < cases; i += 1) {
      // The measured worker has 20 applications (what "my applications" shows), the next one has
      // one, the rest are spread over the other workers.
      const applicant = i < 20 ? benchWorkerId : i === 20 ? singleWorkerId : firstUser + 2 + Math.floor(random() * (userCount - 2));
      const state = i < 20 ? STATE_MIX[i % STATE_MIX.length][0] : pickState(random());
      const def = MEMBERSHIP_APPLICATION_WORKFLOW.states[state];
      const org = orgs[Math.floor(random() * orgs.length)];
      const submitted = new Date(now - Math.floor(random() * 730 * DAY));
      // Open steps are due 15 working days (about 21 days) after submission; some are overdue.
      const due = state === 'submitted' ? new Date(now - 30 * DAY + Math.floor(random() * 60 * DAY)) : null;
      const step = STEP[state];
      const stepAt = step ? new Date(submitted.getTime() + Math.floor(random() * 20 * DAY)) : null;
      const caseId = firstCase + i;
      const name = `${SURNAMES[i % SURNAMES.length]}${i % 7 === 0 ? '小' : ''}明`;
      kases.push(
        Object.assign(new WorkflowCase(), {
          id: caseId,
          caseType: MEMBERSHIP_APPLICATION_WORKFLOW.caseType,
          subjectType: MEMBERSHIP_APPLICATION_WORKFLOW.subjectType,
          subjectId: firstApp + i,
          state,
          version: step ? 2 : 1,
          holder: def.holder,
          organizationId: org.id,
          organizationPath: org.path,
          applicantUserId: applicant,
          title: maskName(name),
          submittedAt: submitted,
          dueAt: due,
          closedAt: def.terminal ? stepAt : null,
          updatedAt: stepAt ?? submitted,
        }),
      );
      const uid = randomUUID();
      const id = idNumber(i);
      const phone = `139${String(10_000_000 + i).slice(-8)}`;
      const idIndex = cipher.blindIndex('id_number', id);
      apps.push(
        Object.assign(new MembershipApplication(), {
          id: firstApp + i,
          caseId,
          uid,
          userId: applicant,
          realName: name,
          idNumberEnc: cipher.encrypt(id, piiAad('membership_applications', uid, 'id_number')),
          idNumberIndex: idIndex,
          openIdNumberIndex: def.terminal ? null : idIndex,
          phoneEnc: cipher.encrypt(phone, piiAad('membership_applications', uid, 'phone')),
          phoneIndex: cipher.blindIndex('phone', phone),
          employerName: EMPLOYERS[i % EMPLOYERS.length],
          employmentType: 'employee',
          chosenOrganizationId: org.id,
          hideFromEmployer: false,
          createdAt: submitted,
        }),
      );
      const link = `/pages/membership/application/index?id=${firstApp + i}`;
      history.push(
        Object.assign(new CaseHistory(), {
          caseId,
          action: 'submit',
          fromState: null,
          toState: 'submitted',
          actorUserId: applicant,
          actorName: name,
          comment: null,
          createdAt: submitted,
        }),
      );
      messages.push(
        Object.assign(new Message(), {
          userId: applicant,
          title: '入会申请已提交',
          body: '您的入会申请已提交，工会将在期限内审核。',
          link,
          readAt: submitted,
          createdAt: submitted,
        }),
      );
      if (step && stepAt) {
        const cadre = staff[i % staff.length];
        history.push(
          Object.assign(new CaseHistory(), {
            caseId,
            action: step.action,
            fromState: 'submitted',
            toState: state,
            actorUserId: step.by === 'staff' ? cadre.id : applicant,
            actorName: step.by === 'staff' ? cadre.displayName : name,
            comment: state === 'rejected' || state === 'needs_info' ? '请补充劳动合同复印件' : null,
            createdAt: stepAt,
          }),
        );
        messages.push(
          Object.assign(new Message(), {
            userId: applicant,
            title: `入会申请${def.label}`,
            body: def.nextStep,
            link,
            readAt: random() < 0.8 ? stepAt : null,
            createdAt: stepAt,
          }),
        );
      }
    }
    // The measured worker also gets a long message history (other notices over two years).
    for (let i = 0; i < 300; i += 1) {
      const at = new Date(now - (300 - i) * 2 * DAY);
      messages.push(
        Object.assign(new Message(), {
          userId: benchWorkerId,
          title: '工会通知',
          body: '本周六上午在县工人文化宫举办职工技能培训，欢迎报名。',
          link: null,
          readAt: i % 3 === 0 ? null : at,
          createdAt: at,
        }),
      );
    }
    benchWorker.applications = apps.filter((a) => a.userId === benchWorkerId).length;
    benchWorker.messages = messages.filter((m) => m.userId === benchWorkerId).length;
    // Messages are written in time order, as the notifier would have written them.
    messages.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    history.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

    await insertBatched(manager, User, users);
    await insertBatched(manager, WorkflowCase, kases);
    await insertBatched(manager, CaseQueueEntry, kases.flatMap(queueRowsOf));
    await rebuildQueueCounts((sql, params) => manager.query(sql, params));
    await insertBatched(manager, MembershipApplication, apps);
    await insertBatched(manager, CaseHistory, history);
    await insertBatched(manager, Message, messages);
    return {
      cases,
      copies: 0,
      users: userCount,
      history: history.length,
      messages: messages.length,
      benchWorker,
      seconds: (Date.now() - started) / 1000,
    };
  });
}

/**
 * Grow the membership volume `times` over in SQL (`INSERT … SELECT`, seconds for a million cases
 * where the ORM would take an hour): each copy of the base cases gets its own case ids and its own
 * queue rows, so the workbench's queues and the statistics see `times` as many cases. The copies'
 * domain rows are not copied (their subject ids point past the real ones): nothing but the queues
 * and counts reads them. Answers the number of cases added.
 */
export async function multiplyCases(ds: DataSource, times: number): Promise<number> {
  if (times <= 1) return 0;
  const [{ maxCase, maxSubject }] = (await ds.query(
    "SELECT MAX(id) AS maxCase, MAX(subject_id) AS maxSubject FROM workflow_cases WHERE case_type = 'membership_application'",
  )) as { maxCase: number | string; maxSubject: number | string }[];
  const top = Number(maxCase);
  const subjects = Number(maxSubject);
  const columns =
    'case_type, subject_type, state, version, holder, organization_id, organization_path, applicant_user_id, applicant_name_masked, assignee_user_id, title, submitted_at, due_at, closed_at, updated_at';
  let added = 0;
  for (let k = 1; k < times; k += 1) {
    await ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO workflow_cases (id, subject_id, ${columns}) SELECT id + ${k * top}, subject_id + ${k * subjects}, ${columns} ` +
          `FROM workflow_cases WHERE case_type = 'membership_application' AND id <= ${top}`,
      );
      await m.query(
        'INSERT INTO case_queue (organization_id, case_type, state, due_at, case_id, applicant_user_id, assignee_user_id) ' +
          `SELECT q.organization_id, q.case_type, q.state, q.due_at, q.case_id + ${k * top}, q.applicant_user_id, q.assignee_user_id ` +
          `FROM case_queue q WHERE q.case_type = 'membership_application' AND q.case_id <= ${top}`,
      );
      const [{ n }] = (await m.query(
        `SELECT COUNT(*) AS n FROM workflow_cases WHERE case_type = 'membership_application' AND id <= ${top}`,
      )) as { n: number | string }[];
      added += Number(n);
    });
  }
  await rebuildQueueCounts((sql, params) => ds.query(sql, params));
  return added;
}
