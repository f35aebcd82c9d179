import { hardshipApplication, today, uploadJpeg } from './hardship-fixtures';
import { cheapFingerprint, fullSnapshot, initMatrixKit, one, validationProblem } from './access-matrix-kit';
import { DEMO_PERSONAS, newIdNumber, startTestApp, type DemoPersona, type TestApp } from './harness';

/**
 * The authorisation matrix of writes, generated from the OpenAPI document: every POST, PUT, PATCH
 * and DELETE on a record (a path with parameters) × every demo persona who may NOT do it. Each
 * route has one expectation: a record in a state where the action is possible, a body valid in
 * shape (validation runs before the row-level check, so a 400 would prove nothing), and who may
 * act. Everyone else is refused (403/404, or a documented per-cell answer) and nothing changes:
 * a fingerprint of the database is taken before and after every refused call. The personas who
 * may act are not called (the domain tests do that). A new write route with path parameters fails
 * this test until its expectation is written here.
 */
const PERSONAS = DEMO_PERSONAS;
type Persona = DemoPersona;
type Params = Record<string, number | string>;
type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Staff of the construction company's union (城关镇) and above it, in union work. */
const CHENGGUAN_UNION: Persona[] = ['grassroots_cadre', 'town_cadre', 'county_cadre', 'county_admin'];
/** The county federation's union staff. */
const COUNTY: Persona[] = ['county_cadre', 'county_admin'];
/** The workflow table refuses a persona who sees the case but has no such action in this state. */
const TABLE = '409 action_not_allowed';
/** The same documented refusal for every persona but `except`. */
const everyoneBut = (except: Persona[], outcome: string): Partial<Record<Persona, string>> =>
  Object.fromEntries(PERSONAS.filter((p) => !except.includes(p)).map((p) => [p, outcome]));

interface Prepared {
  params: Params;
  body?: unknown;
}

interface Expectation {
  /** A record of the right kind in a state where the action is possible, and a body valid in shape. */
  prepare: () => Promise<Prepared>;
  /** Personas who may do it on this record; not called here. */
  mayAct: Persona[];
  /** Personas who see the record but are refused by the workflow table (409 action_not_allowed) rather than 403/404. */
  table?: Persona[];
  /** Other refusals that are right for a persona, as "status code" (e.g. "409 not_a_member": a worker who is not a member). */
  also?: Partial<Record<Persona, string>>;
  /** Tables the route changes in place (compared row by row after each refused call, beside the row counts). */
  touches?: string[];
}

let t: TestApp;
const tokens = {} as Record<Persona, string>;

beforeAll(async () => {
  t = await startTestApp();
  for (const p of PERSONAS) tokens[p] = await t.loginAs(p);
  initMatrixKit(t.app);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const userId = async (name: string) => Number((await one<{ id: number }>('SELECT id FROM users WHERE display_name = ?', [name])).id);

/** A domain record by its case: type, state and the applicant's name; with the case's version. */
async function caseRecord(table: string, caseType: string, state: string, applicant: string, extra = '', args: unknown[] = []) {
  const row = await one<{ id: number; version: number; caseId: number }>(
    `SELECT d.id AS id, c.version AS version, c.id AS caseId FROM ${table} d
       JOIN workflow_cases c ON c.id = d.case_id JOIN users u ON u.id = c.applicant_user_id
      WHERE c.case_type = ? AND c.state = ? AND u.display_name = ? ${extra} ORDER BY d.id`,
    [caseType, state, applicant, ...args],
  );
  return { id: Number(row.id), version: Number(row.version), caseId: Number(row.caseId) };
}

async function call<T = Record<string, unknown>>(persona: Persona, method: Method | 'GET', path: string, body: unknown, status: number) {
  const res = await t.http<T>(method, path, { token: tokens[persona], body });
  if (res.status !== status) throw new Error(`${method} ${path} as ${persona}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
/** The case of a domain record (workflow_cases.subject_*). */
const caseIdOf = async (subjectType: string, subjectId: number) =>
  Number(
    (await one<{ id: number }>('SELECT id FROM workflow_cases WHERE subject_type = ? AND subject_id = ?', [subjectType, subjectId])).id,
  );
/**
 * A step through the case API, prepared on a domain record: the same expectation as the record's
 * own route had, for `POST /api/cases/{id}/transitions · <subject type>` (one key per case type).
 */
const onCase = (subjectType: string, e: Expectation): Expectation => ({
  ...e,
  prepare: async () => {
    const p = await e.prepare();
    return { ...p, params: { id: await caseIdOf(subjectType, Number(p.params.id)) } };
  },
});
/** A plain step on a domain record's case (setting up records), as the clients take it. */
async function stepCall<T = Record<string, unknown>>(persona: Persona, recordPath: string, body: unknown, status: number) {
  const res = await t.step<T>(recordPath, { token: tokens[persona], body });
  if (res.status !== status) throw new Error(`step on ${recordPath} as ${persona}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
/** The route of a matrix key: keys of the case API carry ` · <case type>` after the route. */
const routeOf = (key: string) => key.split(' · ')[0];
const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | null = null;
  return () => (value ??= make());
};
const dayOffset = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

// Hardship: 李会员's case (notice over) is carried to a filed household, so she can apply for 金秋助学.
const memberFile = once(async () => {
  let a = await caseRecord('hardship_applications', 'hardship_application', 'public_notice', '李会员');
  await stepCall('grassroots_cadre', `/hardship/applications/${a.id}`, { action: 'complete_public_notice', version: a.version }, 200);
  const next = async (state: string) => caseRecord('hardship_applications', 'hardship_application', state, '李会员');
  a = await next('town_review');
  await stepCall('town_cadre', `/hardship/applications/${a.id}`, { action: 'pass_town_review', version: a.version }, 200);
  a = await next('county_approval');
  await call('county_cadre', 'POST', `/hardship/applications/${a.id}/file`, { version: a.version, category: 'relative' }, 200);
  return Number((await one<{ id: number }>('SELECT id FROM hardship_files WHERE applicant_user_id = ?', [await userId('李会员')])).id);
});
const autumnCampaign = async () =>
  Number((await one<{ id: number }>("SELECT id FROM hardship_campaigns WHERE kind = 'autumn_school_grant'")).id);
const winterCampaign = async () => Number((await one<{ id: number }>("SELECT id FROM hardship_campaigns WHERE kind = 'winter_warmth'")).id);
const grantBody = async () => ({
  studentName: '李小明',
  studentIdNumber: newIdNumber(),
  schoolLevel: 'university',
  schoolName: '省城理工大学',
  admissionUploadId: (await uploadJpeg(t, tokens.member, 'admission_proof')).id,
});
const memberGrant = once(async () => {
  await memberFile();
  const grant = await call<{ id: number }>(
    'member',
    'POST',
    `/hardship/campaigns/${await autumnCampaign()}/grants`,
    await grantBody(),
    201,
  );
  return caseRecord('hardship_grant_applications', 'grant_application', 'submitted', '李会员', 'AND d.id = ?', [grant.id]);
});
/** 钱阿姨's household file (金雁社区, 城关镇). */
const qianFile = async () => {
  const row = await one<{ id: number; version: number }>(
    "SELECT f.id AS id, c.version AS version FROM hardship_files f JOIN workflow_cases c ON c.id = f.case_id WHERE c.state = 'active' AND f.applicant_user_id = ?",
    [await userId('钱阿姨')],
  );
  return { id: Number(row.id), version: Number(row.version) };
};
/** An aid record approved for 钱阿姨's household, not yet paid. */
const approvedAid = once(async () => {
  const aid = await call<{ id: number }>(
    'county_cadre',
    'POST',
    `/hardship/files/${(await qianFile()).id}/aid`,
    { aidType: 'living', amountFen: 50_000, fundSource: '县总工会帮扶资金' },
    201,
  );
  return caseRecord('hardship_assistance_records', 'assistance_record', 'approved', '钱阿姨', 'AND d.id = ?', [aid.id]);
});
/** 宋师傅's notice (running; 蒋师傅 has raised an objection online). */
const songNotice = async () => {
  const a = await caseRecord('hardship_applications', 'hardship_application', 'public_notice', '宋师傅');
  return Number((await one<{ id: number }>('SELECT id FROM public_notices WHERE case_id = ?', [a.caseId])).id);
};

// Legal.
const memberConsultation = async (channel: 'in_person' | 'phone') =>
  caseRecord('legal_consultations', 'legal_consultation', 'booked', '李会员', 'AND d.channel = ?', [channel]);
const lawyerException = once(async () => {
  const lawyer = await userId('孙律师');
  const e = await call<{ id: number }>(
    'lawyer',
    'POST',
    `/legal/lawyers/${lawyer}/exceptions`,
    { date: dayOffset(40), note: '外出培训' },
    201,
  );
  return { id: lawyer, exceptionId: e.id };
});
const calendarDay = once(async () => {
  const date = dayOffset(46);
  await call('county_admin', 'PUT', `/calendar/days/${date}`, { working: false, name: '矩阵调休' }, 200);
  return date;
});
const availabilityRules = {
  rules: [1, 3, 5].map((weekday) => ({
    weekday,
    startTime: '09:00',
    endTime: '11:30',
    slotMinutes: 30,
    channels: ['in_person', 'phone'],
    place: '县总工会职工法律援助中心（县工人文化宫一楼）',
  })),
};
const zhengAid = () => caseRecord('legal_aid_applications', 'legal_aid_application', 'mediation', '郑师傅');
const zhouAid = () => caseRecord('legal_aid_applications', 'legal_aid_application', 'submitted', '周大山');
const collectivePetition = () => caseRecord('petitions', 'petition', 'accepted', '马主任');

// Competitions.
const competitionByTitle = async (like: string) => {
  const row = await one<{ id: number; version: number }>(
    'SELECT d.id AS id, c.version AS version FROM competitions d JOIN workflow_cases c ON c.id = d.case_id WHERE d.title LIKE ?',
    [like],
  );
  const eventId = Number(
    (await one<{ id: number }>('SELECT id FROM competition_events WHERE competition_id = ? ORDER BY id', [row.id])).id,
  );
  return { id: Number(row.id), version: Number(row.version), eventId };
};
const contestBody = (title: string) => ({
  kind: 'ankang_cup',
  title,
  description: '安全生产知识答题。',
  registrationClosesOn: today(),
  startsOn: today(),
  endsOn: dayOffset(1),
  noticeDays: 5,
  events: [
    {
      name: '个人安全知识答题',
      entryKind: 'individual',
      maxEntries: 0,
      scoring: { kind: 'direct', better: 'higher', unit: '题' },
      tieBreak: 'earlier_registration',
      awards: [{ title: '一等奖', fromRank: 1, toRank: 1 }],
    },
  ],
});
/** A competition in draft (settings, judges and opening are the organiser's). */
const createDraftContest = once(() => call('county_cadre', 'POST', '/competitions', contestBody('矩阵测试·筹备中的竞赛'), 201));
const draftContest = async () => {
  await createDraftContest();
  return competitionByTitle('矩阵测试·筹备中%');
};
/** A running competition with a directly scored event and 李会员 entered. */
const runningDirectContest = once(async () => {
  const c = await call<{ id: number; version: number; events: { id: number }[] }>(
    'county_cadre',
    'POST',
    '/competitions',
    contestBody('矩阵测试·直接录入成绩'),
    201,
  );
  const opened = await stepCall<{ version: number }>(
    'county_cadre',
    `/competitions/${c.id}`,
    { action: 'open_registration', version: c.version },
    200,
  );
  const entry = await call<{ id: number }>('member', 'POST', `/competitions/${c.id}/entries`, { eventId: c.events[0].id }, 201);
  await stepCall('county_cadre', `/competitions/${c.id}`, { action: 'close_registration', version: opened.version }, 200);
  return { id: c.id, eventId: c.events[0].id, entryId: entry.id };
});
/** 李会员's entry in the 安康杯 (registration open), with its check-in code. */
const ankang = () => competitionByTitle('%安康杯%');
const memberAnkangEntry = once(async () => {
  const c = await ankang();
  return call<{ id: number; checkInCode: string }>('member', 'POST', `/competitions/${c.id}/entries`, { eventId: c.eventId }, 201);
});
const electricContest = async () => {
  const c = await competitionByTitle('%维修电工%');
  const entry = await one<{ id: number }>('SELECT id FROM competition_entries WHERE competition_id = ? ORDER BY id', [c.id]);
  return { id: c.id, eventId: c.eventId, entryId: Number(entry.id) };
};
const speechObjection = once(async () => {
  const c = await competitionByTitle('%演讲比赛%');
  const o = await call<{ id: number }>('member', 'POST', `/competitions/${c.id}/objections`, { content: '请核实第二名的参赛资格。' }, 201);
  return { id: c.id, objectionId: o.id };
});

// Proposals: 李会员's, one per step of the procedure.
const proposalAt = async (step: 'submitted' | 'under_review' | 'reviewed' | 'adopted' | 'implemented' | 'evaluated') => {
  let p = await call<{ id: number; version: number }>(
    'member',
    'POST',
    '/proposals',
    {
      title: `矩阵测试建议 ${step}`,
      problem: '工地上的工具经常找不到，耽误干活。',
      suggestion: '每个班组设一个工具柜，专人登记借还。',
      expectedBenefit: '少耽误工时',
    },
    201,
  );
  const judge = await userId('郑评委');
  const go = async (path: string, body: Record<string, unknown>, persona: Persona = 'grassroots_cadre') => {
    p = await call<{ id: number; version: number }>(persona, 'POST', `/proposals/${p.id}${path}`, { ...body, version: p.version }, 200);
  };
  if (step === 'submitted') return p;
  await go('/register', { expertUserIds: [judge] });
  if (step === 'under_review') return p;
  await call('judge', 'POST', `/proposals/${p.id}/opinions`, { recommend: 'adopt', opinion: '可行，建议先在一个班组试行。' }, 200);
  if (step === 'reviewed') return p;
  await go('/decide', { adopt: true });
  if (step === 'adopted') return p;
  await go('/implement', { implementedOn: today(), note: '各班组已设工具柜。' });
  if (step === 'implemented') return p;
  await go('/evaluate', { benefitFen: 500_000, grade: 'third' });
  return p;
};

// Honours: nominations by the construction company's union; a model worker with a health-check record.
const deeds = '扎根建筑一线二十年，带领班组攻克高支模施工难题，连续三年安全生产零事故，带出徒弟 15 人。';
const nomination = async (name: string, onNotice: boolean) => {
  const kinds = await call<{ id: number; code: string }[]>('grassroots_cadre', 'GET', '/honours/kinds', undefined, 200);
  const kindId = (kinds.find((k) => k.code === 'model_worker') ?? kinds[0]).id;
  let n = await call<{ id: number; version: number }>(
    'grassroots_cadre',
    'POST',
    '/honours/nominations',
    { kindId, nomineeName: name, employerName: '县城建筑公司', deeds, year: Number(today().slice(0, 4)) },
    201,
  );
  if (onNotice) n = await stepCall('county_cadre', `/honours/nominations/${n.id}`, { action: 'start_notice', version: n.version }, 200);
  return n;
};
const nominationObjection = once(async () => {
  const n = await nomination('矩阵测试·公示中', true);
  await call('member', 'POST', `/honours/nominations/${n.id}/objections`, { content: '请核实零事故的说法。' }, 201);
  const o = await one<{ id: number }>(
    'SELECT o.id FROM notice_objections o JOIN honour_nominations n ON n.case_id = o.notice_case_id WHERE n.id = ?',
    [n.id],
  );
  return { id: n.id, objectionId: Number(o.id) };
});
const modelWorker = once(async () => {
  await call(
    'county_cadre',
    'POST',
    '/honours/model-workers',
    { name: '矩阵劳模', employerName: '县城建筑公司', title: '县劳动模范', awardedYear: 2020 },
    201,
  );
  const id = Number((await one<{ id: number }>("SELECT id FROM model_workers WHERE name = '矩阵劳模'")).id);
  await call(
    'county_cadre',
    'POST',
    `/honours/model-workers/${id}/records`,
    { kind: 'health_check', date: today(), note: '血压偏高' },
    201,
  );
  const recordId = Number((await one<{ id: number }>('SELECT id FROM model_worker_records WHERE model_worker_id = ?', [id])).id);
  return { id, recordId };
});

// ---------------------------------------------------------------------------------------------

/** Expectation per route: "METHOD template" of the OpenAPI document. */
const EXPECTED: Record<string, Expectation> = {
  // Messages are their addressee's.
  'POST /api/messages/{id}/read': {
    prepare: async () => ({
      params: {
        id: Number(
          (await one<{ id: number }>('SELECT id FROM messages WHERE user_id = ? AND read_at IS NULL', [await userId('李会员')])).id,
        ),
      },
    }),
    mayAct: ['member'],
    touches: ['messages'],
  },

  // Membership: 周大山's application to the construction company's union; 宋师傅's transfer to 万安食品.
  'POST /api/cases/{id}/transitions · membership_applications': onCase('membership_applications', {
    prepare: async () => {
      const a = await caseRecord('membership_applications', 'membership_application', 'submitted', '周大山');
      return { params: { id: a.id }, body: { action: 'approve', version: a.version } };
    },
    mayAct: CHENGGUAN_UNION,
    touches: ['membership_applications', 'members'],
  }),
  'POST /api/cases/{id}/transitions · membership_transfers': onCase('membership_transfers', {
    prepare: async () => {
      const a = await caseRecord('membership_transfers', 'membership_transfer', 'requested', '宋师傅');
      return { params: { id: a.id }, body: { action: 'accept', version: a.version } };
    },
    mayAct: ['town2_cadre', ...COUNTY],
    touches: ['membership_transfers', 'members'],
  }),

  // Hardship applications: grassroots steps by the union of the place (or the town above it), filing by the county.
  'POST /api/cases/{id}/transitions · hardship_applications': onCase('hardship_applications', {
    prepare: async () => {
      const a = await caseRecord('hardship_applications', 'hardship_application', 'submitted', '周大山');
      return { params: { id: a.id }, body: { action: 'pass_initial_review', version: a.version } };
    },
    mayAct: ['grassroots_cadre', 'town_cadre'],
    table: COUNTY,
    touches: ['hardship_applications'],
  }),
  'POST /api/hardship/applications/{id}/return': {
    prepare: async () => {
      const a = await caseRecord('hardship_applications', 'hardship_application', 'submitted', '周大山');
      return { params: { id: a.id }, body: { version: a.version, missingItems: ['收入证明'], comment: '请补充收入证明' } };
    },
    mayAct: ['grassroots_cadre', 'town_cadre'],
    table: COUNTY,
    touches: ['hardship_applications'],
  },
  'POST /api/hardship/applications/{id}/resubmit': {
    // 郑师傅's (城关纺织) case waits for his material: only he may resubmit, and he is not a persona.
    prepare: async () => {
      const a = await caseRecord('hardship_applications', 'hardship_application', 'needs_material', '郑师傅');
      return { params: { id: a.id }, body: { version: a.version, evidenceUploadIds: [], note: '已补充' } };
    },
    mayAct: [],
    table: ['town_cadre', ...COUNTY],
    touches: ['hardship_applications'],
  },
  'POST /api/hardship/applications/{id}/home-visit': {
    // 吴小梅 applied at the riders' joint union of 城关镇: not the construction company's.
    prepare: async () => {
      const a = await caseRecord('hardship_applications', 'hardship_application', 'home_visit', '吴小梅');
      return {
        params: { id: a.id },
        body: {
          version: a.version,
          visitedOn: today(),
          visitors: ['陈主席', '王委员'],
          findings: '情况属实。',
          matchesDeclaration: true,
          photoUploadIds: [],
        },
      };
    },
    mayAct: ['town_cadre'],
    table: COUNTY,
    touches: ['hardship_applications'],
  },
  'POST /api/hardship/applications/{id}/democratic-review': {
    prepare: async () => {
      const a = await caseRecord('hardship_applications', 'hardship_application', 'democratic_review', '韩师傅');
      return {
        params: { id: a.id },
        body: {
          version: a.version,
          meetingOn: today(),
          attendees: ['张干事', '王委员', '李代表'],
          votesFor: 3,
          votesAgainst: 0,
          abstentions: 0,
        },
      };
    },
    mayAct: ['grassroots_cadre', 'town_cadre'],
    table: COUNTY,
    touches: ['hardship_applications'],
  },
  'POST /api/hardship/applications/{id}/file': {
    // 冯师傅 (万安食品) passed the town review: the county approves.
    prepare: async () => {
      const a = await caseRecord('hardship_applications', 'hardship_application', 'county_approval', '冯师傅');
      return { params: { id: a.id }, body: { version: a.version, category: 'relative' } };
    },
    mayAct: COUNTY,
    touches: ['hardship_applications'],
  },
  'POST /api/hardship/notices/{id}/objections': {
    // Online anyone may object during a notice; an objection received in person is recorded by hardship staff in scope.
    prepare: async () => ({ params: { id: await songNotice() }, body: { channel: 'in_person', content: '邻居反映他家新买了小汽车。' } }),
    mayAct: CHENGGUAN_UNION,
  },
  'POST /api/hardship/objections/{id}/resolve': {
    prepare: async () => {
      const o = await one<{ id: number }>(
        "SELECT o.id FROM notice_objections o JOIN public_notices p ON p.case_id = o.notice_case_id JOIN workflow_cases c ON c.id = o.case_id WHERE p.id = ? AND c.state = 'open'",
        [await songNotice()],
      );
      return { params: { id: Number(o.id) }, body: { resolution: '经核实门面房属其兄弟所有。', upheld: false } };
    },
    mayAct: CHENGGUAN_UNION,
    touches: ['notice_objections'],
  },
  'POST /api/hardship/files/{id}/recheck': {
    // 钱阿姨's household is filed at 金雁社区 (城关镇), not under the construction company's union.
    prepare: async () => {
      const f = await qianFile();
      return { params: { id: f.id }, body: { version: f.version, outcome: 'keep', note: '家庭情况没有变化。' } };
    },
    mayAct: ['town_cadre', ...COUNTY],
    touches: ['hardship_files', 'workflow_cases', 'case_history'],
  },
  'POST /api/hardship/campaigns/{id}/select': {
    prepare: async () => ({ params: { id: await winterCampaign() }, body: { fileIds: [await memberFile()] } }),
    mayAct: COUNTY,
    touches: ['hardship_campaigns'],
  },
  'POST /api/hardship/campaigns/{id}/grants': {
    // 金秋助学 is applied for by a worker with a household on file: 李会员 (filed above). Other workers have none.
    prepare: async () => {
      await memberFile();
      return { params: { id: await autumnCampaign() }, body: await grantBody() };
    },
    mayAct: ['member'],
    also: everyoneBut(['member'], '409 action_not_allowed'),
  },
  'POST /api/cases/{id}/transitions · hardship_grant_applications': onCase('hardship_grant_applications', {
    prepare: async () => {
      const g = await memberGrant();
      return { params: { id: g.id }, body: { action: 'approve', version: g.version } };
    },
    mayAct: COUNTY,
    table: ['member', 'grassroots_cadre', 'town_cadre'],
    touches: ['hardship_grant_applications', 'hardship_assistance_records'],
  }),
  'POST /api/hardship/files/{id}/aid': {
    prepare: async () => ({
      params: { id: (await qianFile()).id },
      body: { aidType: 'medical', amountFen: 80_000, fundSource: '县总工会医疗救助资金' },
    }),
    mayAct: COUNTY,
  },
  'POST /api/cases/{id}/transitions · hardship_assistance_records': onCase('hardship_assistance_records', {
    prepare: async () => {
      const a = await approvedAid();
      return { params: { id: a.id }, body: { action: 'cancel', version: a.version, comment: '重复登记，撤销' } };
    },
    mayAct: COUNTY,
    table: ['town_cadre'],
    touches: ['hardship_assistance_records'],
  }),
  'POST /api/hardship/aid/{id}/pay': {
    prepare: async () => {
      const a = await approvedAid();
      return { params: { id: a.id }, body: { version: a.version, paymentReference: 'NX-MATRIX-1' } };
    },
    mayAct: COUNTY,
    touches: ['hardship_assistance_records'],
  },
  'POST /api/hardship/aid/{id}/signed-form': {
    // The medical aid paid to 钱阿姨, awaiting her signature.
    prepare: async () => {
      const a = await caseRecord('hardship_assistance_records', 'assistance_record', 'paid', '钱阿姨');
      const upload = await uploadJpeg(t, tokens.county_cadre, 'aid_receipt');
      return { params: { id: a.id }, body: { version: a.version, uploadId: upload.id } };
    },
    mayAct: COUNTY,
    touches: ['hardship_assistance_records', 'uploads'],
  },

  // The county's own calendar days: its administrator only (organization.manage at the county federation).
  'PUT /api/calendar/days/{date}': {
    prepare: async () => ({ params: { date: dayOffset(45) }, body: { working: false, name: '矩阵县庆' } }),
    mayAct: ['county_admin'],
    touches: ['work_calendar_days'],
  },
  'DELETE /api/calendar/days/{date}': {
    prepare: async () => ({ params: { date: await calendarDay() } }),
    mayAct: ['county_admin'],
    touches: ['work_calendar_days'],
  },

  // Legal: 孙律师 keeps his own schedule; the centre's staff keep everyone's.
  'PUT /api/legal/lawyers/{id}/availability': {
    prepare: async () => ({ params: { id: await userId('孙律师') }, body: availabilityRules }),
    mayAct: ['lawyer', 'legal_staff'],
    touches: ['legal_availability_rules'],
  },
  'POST /api/legal/lawyers/{id}/exceptions': {
    prepare: async () => ({ params: { id: await userId('孙律师') }, body: { date: dayOffset(30), note: '外出开庭' } }),
    mayAct: ['lawyer', 'legal_staff'],
    touches: ['legal_availability_exceptions'],
  },
  'DELETE /api/legal/lawyers/{id}/exceptions/{exceptionId}': {
    prepare: async () => ({ params: await lawyerException() }),
    mayAct: ['lawyer', 'legal_staff'],
  },
  // 李会员's consultations with 孙律师: one ahead at the centre, one by phone an hour ago (advice not yet written).
  'POST /api/cases/{id}/transitions · legal_consultations': onCase('legal_consultations', {
    prepare: async () => {
      const c = await memberConsultation('in_person');
      return { params: { id: c.id }, body: { action: 'staff_cancel', version: c.version, comment: '律师临时外出开庭' } };
    },
    mayAct: ['lawyer', 'legal_staff'],
    table: ['member'],
    touches: ['legal_consultations'],
  }),
  'POST /api/legal/consultations/{id}/reschedule': {
    prepare: async () => {
      const c = await memberConsultation('in_person');
      const lawyer = await userId('孙律师');
      const days = await call<{ slots: { lawyerUserId: number; startsAt: string; channels: string[] }[] }[]>(
        'member',
        'GET',
        `/legal/slots?from=${dayOffset(3)}&days=14&channel=in_person`,
        undefined,
        200,
      );
      const slot = days.flatMap((d) => d.slots).find((s) => s.lawyerUserId === lawyer);
      return {
        params: { id: c.id },
        body: { version: c.version, lawyerUserId: lawyer, startsAt: slot?.startsAt ?? new Date(Date.now() + 7 * 86_400_000).toISOString() },
      };
    },
    mayAct: ['member'],
    table: ['lawyer', 'legal_staff'],
    touches: ['legal_consultations'],
  },
  'POST /api/legal/consultations/{id}/reveal-phone': {
    prepare: async () => ({ params: { id: (await memberConsultation('phone')).id }, body: { reason: '回电确认咨询时间' } }),
    mayAct: ['lawyer', 'legal_staff'],
  },
  'POST /api/legal/consultations/{id}/advice': {
    prepare: async () => {
      const c = await memberConsultation('phone');
      return {
        params: { id: c.id },
        body: { version: c.version, summary: '拖欠三个月工资。', advice: '保留工资条，先协商，不成申请仲裁。', suggestLegalAid: true },
      };
    },
    mayAct: ['lawyer', 'legal_staff'],
    touches: ['legal_consultations'],
  },
  'POST /api/legal/consultations/{id}/rating': {
    // 周大山's held consultation: only he rates it, and he is not a persona.
    prepare: async () => ({
      params: { id: (await caseRecord('legal_consultations', 'legal_consultation', 'held', '周大山')).id },
      body: { rating: 5, comment: '很耐心' },
    }),
    mayAct: [],
    touches: ['legal_consultations'],
  },
  // Legal aid: 周大山's application awaits the centre's decision; 郑师傅's case is in mediation with 孙律师.
  'POST /api/legal/aid-applications/{id}/accept': {
    prepare: async () => {
      const a = await zhouAid();
      return { params: { id: a.id }, body: { version: a.version, lawyerUserId: await userId('孙律师') } };
    },
    mayAct: ['legal_staff'],
    touches: ['legal_aid_applications'],
  },
  'POST /api/legal/aid-applications/{id}/reject': {
    prepare: async () => {
      const a = await zhouAid();
      return { params: { id: a.id }, body: { version: a.version, reason: '不符合经济困难条件。' } };
    },
    mayAct: ['legal_staff'],
    touches: ['legal_aid_applications'],
  },
  'POST /api/legal/aid-applications/{id}/withdraw': {
    prepare: async () => {
      const a = await zhouAid();
      return { params: { id: a.id }, body: { version: a.version } };
    },
    mayAct: [],
    table: ['legal_staff'],
    touches: ['legal_aid_applications'],
  },
  'POST /api/legal/aid-applications/{id}/stage': {
    prepare: async () => {
      const a = await zhengAid();
      return {
        params: { id: a.id },
        body: {
          version: a.version,
          action: 'start_arbitration',
          startedOn: today(),
          arbitrationAppliedOn: today(),
          note: '调解不成，申请仲裁。',
        },
      };
    },
    mayAct: ['lawyer', 'legal_staff'],
    touches: ['legal_aid_applications', 'legal_aid_stages'],
  },
  'PATCH /api/legal/aid-applications/{id}/dates': {
    prepare: async () => {
      const a = await zhengAid();
      return { params: { id: a.id }, body: { version: a.version, mediationEndedOn: today(), note: '调解结束。' } };
    },
    mayAct: ['lawyer', 'legal_staff'],
    touches: ['legal_aid_applications', 'legal_aid_stages'],
  },
  'POST /api/legal/aid-applications/{id}/reveal-phone': {
    prepare: async () => ({ params: { id: (await zhengAid()).id }, body: { reason: '联系当事人确认调解时间' } }),
    mayAct: ['lawyer', 'legal_staff'],
  },
  'POST /api/legal/aid-applications/{id}/close': {
    prepare: async () => {
      const a = await zhengAid();
      return {
        params: { id: a.id },
        body: {
          version: a.version,
          outcome: 'settled',
          amountClaimedFen: 2_350_000,
          amountRecoveredFen: 2_000_000,
          recoveredOn: today(),
          note: '调解达成协议。',
        },
      };
    },
    mayAct: ['lawyer', 'legal_staff'],
    touches: ['legal_aid_applications'],
  },
  // Online consultations: 李会员's thread is assigned to 吴律师 (not a persona); 冯师傅's waits for a lawyer.
  'POST /api/legal/threads/{id}/messages': {
    prepare: async () => ({
      params: { id: (await caseRecord('legal_threads', 'legal_thread', 'waiting_worker', '李会员')).id },
      body: { body: '谢谢律师，我再问一下。' },
    }),
    mayAct: ['member', 'legal_staff'],
    touches: ['legal_threads'],
  },
  'POST /api/cases/{id}/transitions · legal_threads': onCase('legal_threads', {
    prepare: async () => {
      const th = await caseRecord('legal_threads', 'legal_thread', 'waiting_worker', '李会员');
      return { params: { id: th.id }, body: { action: 'staff_close', version: th.version } };
    },
    mayAct: ['legal_staff'],
    table: ['member'],
    touches: ['legal_threads'],
  }),
  'POST /api/legal/threads/{id}/assign': {
    prepare: async () => ({
      params: { id: (await caseRecord('legal_threads', 'legal_thread', 'waiting_centre', '冯师傅')).id },
      body: { lawyerUserId: await userId('孙律师') },
    }),
    mayAct: ['legal_staff'],
    touches: ['legal_threads'],
  },
  // Petitions are registered at the county: its petition staff (the centre's and the federation's) handle them.
  'POST /api/cases/{id}/transitions · petitions': onCase('petitions', {
    prepare: async () => {
      const p = await collectivePetition();
      return { params: { id: p.id }, body: { action: 'extend', version: p.version, comment: '企业承诺分两次发放，跟踪落实' } };
    },
    mayAct: ['legal_staff', ...COUNTY],
    touches: ['petitions'],
  }),
  'POST /api/legal/petitions/{id}/meetings': {
    prepare: async () => ({
      params: { id: (await collectivePetition()).id },
      body: { heldOn: today(), attendees: '马主任、企业负责人', summary: '企业承诺月底前发放。' },
    }),
    mayAct: ['legal_staff', ...COUNTY],
    touches: ['petitions'],
  },
  'POST /api/legal/petitions/{id}/resolve': {
    prepare: async () => {
      const p = await collectivePetition();
      return { params: { id: p.id }, body: { version: p.version, result: '企业已发放拖欠工资。' } };
    },
    mayAct: ['legal_staff', ...COUNTY],
    touches: ['petitions'],
  },

  // Competitions: organised by the county federation.
  'DELETE /api/competitions/employer-flags/{id}': {
    // A flag counts county-wide; only staff over the organisation that set it may lift it (the demo's are the county's).
    prepare: async () => ({ params: { id: Number((await one<{ id: number }>('SELECT id FROM employer_flags ORDER BY id')).id) } }),
    mayAct: COUNTY,
  },
  'POST /api/competitions/entries/{entryId}/withdraw': {
    prepare: async () => ({ params: { entryId: (await memberAnkangEntry()).id } }),
    mayAct: ['member'],
    touches: ['competition_entries'],
  },
  'POST /api/competitions/entries/{entryId}/revoke': {
    // 李会员's first prize in the published nursing contest.
    prepare: async () => {
      const c = await competitionByTitle('%医疗护理%');
      const e = await one<{ id: number }>('SELECT id FROM competition_entries WHERE competition_id = ? AND registrant_user_id = ?', [
        c.id,
        await userId('李会员'),
      ]);
      return { params: { entryId: Number(e.id) }, body: { reason: '经查参赛资格不符。' } };
    },
    mayAct: COUNTY,
    touches: ['competition_entries'],
  },
  'PUT /api/competitions/{id}': {
    prepare: async () => {
      const c = await draftContest();
      return { params: { id: c.id }, body: { ...contestBody('矩阵测试·改名'), version: c.version } };
    },
    mayAct: COUNTY,
    touches: ['competitions', 'competition_events'],
  },
  'POST /api/cases/{id}/transitions · competitions': onCase('competitions', {
    prepare: async () => {
      const c = await draftContest();
      return { params: { id: c.id }, body: { action: 'open_registration', version: c.version } };
    },
    mayAct: COUNTY,
    touches: ['competitions'],
  }),
  'PUT /api/competitions/{id}/events/{eventId}/judges': {
    prepare: async () => {
      const c = await draftContest();
      return { params: { id: c.id, eventId: c.eventId }, body: { judgeUserIds: [await userId('郑评委')] } };
    },
    mayAct: COUNTY,
    touches: ['competition_events'],
  },
  'POST /api/competitions/{id}/entries': {
    // 安康杯, open to members anywhere in the county: 李会员 is the one member among the personas.
    prepare: async () => {
      const c = await ankang();
      return { params: { id: c.id }, body: { eventId: c.eventId } };
    },
    mayAct: ['member'],
    also: everyoneBut(['member'], '409 not_a_member'),
  },
  'POST /api/competitions/{id}/check-in': {
    prepare: async () => ({ params: { id: (await ankang()).id }, body: { code: (await memberAnkangEntry()).checkInCode } }),
    mayAct: COUNTY,
    touches: ['competition_entries'],
  },
  'POST /api/competitions/{id}/events/{eventId}/scores': {
    // The electricians' contest: 郑评委 has still to score.
    prepare: async () => {
      const c = await electricContest();
      return { params: { id: c.id, eventId: c.eventId }, body: { entryId: c.entryId, points: 9000 } };
    },
    mayAct: ['judge'],
  },
  'POST /api/competitions/{id}/events/{eventId}/conflicts': {
    prepare: async () => {
      const c = await electricContest();
      return { params: { id: c.id, eventId: c.eventId }, body: { entryId: c.entryId, note: '是我的徒弟' } };
    },
    mayAct: ['judge'],
  },
  'POST /api/competitions/{id}/events/{eventId}/results': {
    prepare: async () => {
      const c = await runningDirectContest();
      return { params: { id: c.id, eventId: c.eventId }, body: { entryId: c.entryId, value: 42 } };
    },
    mayAct: COUNTY,
    touches: ['competition_scores', 'competition_entries'],
  },
  'POST /api/competitions/{id}/objections/{objectionId}/resolve': {
    prepare: async () => ({ params: await speechObjection(), body: { resolution: '经核实参赛资格符合要求。' } }),
    mayAct: COUNTY,
    touches: ['notice_objections'],
  },

  // Proposals: 李会员's, at the construction company's union; 郑评委 is the expert named.
  'POST /api/proposals/{id}/register': {
    prepare: async () => {
      const p = await proposalAt('submitted');
      return { params: { id: p.id }, body: { version: p.version, expertUserIds: [await userId('郑评委')] } };
    },
    mayAct: CHENGGUAN_UNION,
    touches: ['proposals'],
  },
  'POST /api/proposals/{id}/opinions': {
    prepare: async () => ({
      params: { id: (await proposalAt('under_review')).id },
      body: { recommend: 'adopt', opinion: '可行，建议先试行。' },
    }),
    mayAct: ['judge'],
  },
  'POST /api/proposals/{id}/decide': {
    prepare: async () => {
      const p = await proposalAt('reviewed');
      return { params: { id: p.id }, body: { version: p.version, adopt: true } };
    },
    mayAct: CHENGGUAN_UNION,
    touches: ['proposals'],
  },
  'POST /api/proposals/{id}/implement': {
    prepare: async () => {
      const p = await proposalAt('adopted');
      return { params: { id: p.id }, body: { version: p.version, implementedOn: today(), note: '各班组已设工具柜。' } };
    },
    mayAct: CHENGGUAN_UNION,
    touches: ['proposals'],
  },
  'POST /api/proposals/{id}/evaluate': {
    prepare: async () => {
      const p = await proposalAt('implemented');
      return { params: { id: p.id }, body: { version: p.version, benefitFen: 500_000, grade: 'third' } };
    },
    mayAct: CHENGGUAN_UNION,
    touches: ['proposals'],
  },
  'POST /api/cases/{id}/transitions · proposals': onCase('proposals', {
    prepare: async () => {
      const p = await proposalAt('evaluated');
      return { params: { id: p.id }, body: { action: 'publish', version: p.version } };
    },
    mayAct: CHENGGUAN_UNION,
    table: ['member'],
    touches: ['proposals'],
  }),

  // Honours: the county federation decides and keeps the model-worker registry.
  'POST /api/honours/model-workers/{id}/records': {
    prepare: async () => ({ params: { id: (await modelWorker()).id }, body: { kind: 'care_visit', date: today(), note: '春节走访慰问' } }),
    mayAct: COUNTY,
  },
  'POST /api/honours/model-workers/records/{id}/reveal': {
    prepare: async () => ({ params: { id: (await modelWorker()).recordId }, body: { reason: '安排复查' } }),
    mayAct: COUNTY,
  },
  'POST /api/cases/{id}/transitions · honour_nominations': onCase('honour_nominations', {
    prepare: async () => {
      const n = await nomination('矩阵测试·审核中', false);
      return { params: { id: n.id }, body: { action: 'start_notice', version: n.version } };
    },
    mayAct: COUNTY,
    // The nominating union sees the case as its nominator; the table refuses it the county's step.
    table: ['grassroots_cadre'],
    touches: ['honour_nominations'],
  }),
  'POST /api/honours/nominations/{id}/objections/{objectionId}/resolve': {
    prepare: async () => ({ params: await nominationObjection(), body: { resolution: '经核实安监部门记录无事故。' } }),
    mayAct: COUNTY,
    touches: ['notice_objections'],
  },
};

/**
 * Nobody handles their own case as staff: a cadre who applies at their own union sees the case as
 * an applicant only. Cells the matrix above cannot show (there the applicant is never staff).
 */
const OWN_CASES: { persona: Persona; route: string; subjectType: string; prepare: () => Promise<Prepared>; touches: string[] }[] = [
  {
    persona: 'grassroots_cadre',
    route: 'POST /api/cases/{id}/transitions',
    subjectType: 'hardship_applications',
    prepare: async () => {
      const construction = Number((await one<{ id: number }>("SELECT id FROM organizations WHERE name = '县城建筑公司工会'")).id);
      const a = await call<{ id: number; version: number }>(
        'grassroots_cadre',
        'POST',
        '/hardship/applications',
        hardshipApplication(construction),
        201,
      );
      return { params: { id: a.id }, body: { action: 'pass_initial_review', version: a.version } };
    },
    touches: ['hardship_applications'],
  },
  {
    persona: 'town_cadre',
    route: 'POST /api/cases/{id}/transitions',
    subjectType: 'membership_applications',
    prepare: async () => {
      const textile = Number((await one<{ id: number }>("SELECT id FROM organizations WHERE name = '城关纺织有限公司工会'")).id);
      const a = await call<{ id: number; version: number }>(
        'town_cadre',
        'POST',
        '/membership/applications',
        {
          realName: '陈主席',
          idNumber: newIdNumber(),
          phone: '13912345678',
          employerName: '城关纺织有限公司',
          employmentType: 'employee',
          organizationId: textile,
          hideFromEmployer: false,
        },
        201,
      );
      return { params: { id: a.id }, body: { action: 'approve', version: a.version } };
    },
    touches: ['membership_applications', 'members'],
  },
];

/** Write routes every signed-in persona may use on the record (nothing to refuse by who asks). */
const OPEN_TO_ALL: Record<string, string> = {
  'POST /api/competitions/{id}/objections':
    'anyone may object to a competition during its notice (test/competitions.e2e.ts); used above to raise one',
  'POST /api/honours/nominations/{id}/objections':
    'anyone may object to a nomination during its notice (test/honours.e2e.ts); used above to raise one',
};

/** Write routes with path parameters checked in another test file. */
const ELSEWHERE: Record<string, string> = {};

/** Routes whose expectation is right but the server lets a persona through: skipped until fixed. */
const KNOWN_BUGS: Record<string, string> = {};

/** Write routes anyone may call (declared @Public). */
const PUBLIC_WRITE = new Set([
  'POST /api/auth/wechat-login',
  'POST /api/auth/demo-login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'POST /api/hardship/self-test',
]);

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

async function writeRoutes(): Promise<string[]> {
  const doc = (await t.http<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs/openapi.json')).body;
  return Object.entries(doc.paths).flatMap(([path, ops]) => WRITE_METHODS.filter((m) => m in ops).map((m) => `${m.toUpperCase()} ${path}`));
}

describe('the authorisation matrix of writes', () => {
  it('has an expectation for every write route with path parameters in the OpenAPI document', async () => {
    const routes = (await writeRoutes()).filter((r) => r.includes('{'));
    expect(routes.length).toBeGreaterThan(50);
    const keys = [...Object.keys(EXPECTED), ...Object.keys(OPEN_TO_ALL), ...Object.keys(ELSEWHERE)];
    expect(routes.filter((r) => !keys.some((k) => routeOf(k) === r))).toEqual([]);
    // No stale entries either.
    expect(keys.filter((k) => !routes.includes(routeOf(k)))).toEqual([]);
    // The case API has one expectation per case type with plain steps.
    expect(Object.keys(EXPECTED).filter((k) => k.includes(' · ')).length).toBeGreaterThanOrEqual(11);
  });

  for (const [route, expectation] of Object.entries(EXPECTED)) {
    const refused = PERSONAS.filter((p) => !expectation.mayAct.includes(p));
    const title = `${route}: ${expectation.mayAct.length ? `only ${expectation.mayAct.join(', ')}` : 'no persona'} may; ${refused.length} refused, nothing written`;
    const test = KNOWN_BUGS[route] ? it.skip : it;
    test(title, async () => {
      const [method, template] = routeOf(route).split(' ') as [Method, string];
      const { params, body } = await expectation.prepare();
      const path = template.replace(/^\/api/, '').replace(/\{(\w+)\}/g, (_, name: string) => {
        if (params[name] === undefined) throw new Error(`${route}: no value for ${name}`);
        return String(params[name]);
      });
      expect(await validationProblem(routeOf(route), body)).toBeNull();
      const touches = expectation.touches ?? [];
      const snapshot = await fullSnapshot();
      let fingerprint = await cheapFingerprint(touches);
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const persona of refused) {
        const res = await t.http<{ code?: string }>(method, path, { token: tokens[persona], body });
        const outcome = `${res.status} ${res.body?.code ?? ''}`.trim();
        const accepted = new Set(['403', '404'].map(String));
        if (expectation.table?.includes(persona)) accepted.add(TABLE);
        const other = expectation.also?.[persona];
        if (other) accepted.add(other);
        const ok = accepted.has(String(res.status)) || accepted.has(outcome);
        const after = await cheapFingerprint(touches);
        got[persona] = `${ok ? 'refused' : outcome}${after === fingerprint ? '' : ', wrote'}`;
        want[persona] = 'refused';
        fingerprint = after;
      }
      // A harmless check that the record and body are right for those who may act: the same request
      // with a stale version reaches the record and stops at compare-and-set (409 state_conflict).
      const version = (body as { version?: unknown } | undefined)?.version;
      if (typeof version === 'number') {
        for (const persona of expectation.mayAct) {
          const res = await t.http<{ code?: string }>(method, path, {
            token: tokens[persona],
            body: { ...(body as object), version: version + 1000 },
          });
          const after = await cheapFingerprint(touches);
          got[`${persona} (stale version)`] = `${res.status} ${res.body?.code ?? ''}`.trim() + (after === fingerprint ? '' : ', wrote');
          want[`${persona} (stale version)`] = '409 state_conflict';
          fingerprint = after;
        }
      }
      expect(got).toEqual(want);
      const changed = [...(await fullSnapshot())].filter(([table, hash]) => snapshot.get(table) !== hash).map(([table]) => table);
      expect(changed).toEqual([]);
    });
  }

  for (const own of OWN_CASES) {
    it(`${own.route}: ${own.persona} may not handle their own case`, async () => {
      const [method, template] = own.route.split(' ') as [Method, string];
      const prepared = await own.prepare();
      const { body } = prepared;
      const params: Params = { id: await caseIdOf(own.subjectType, Number(prepared.params.id)) };
      const path = template.replace(/^\/api/, '').replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
      expect(await validationProblem(own.route, body)).toBeNull();
      const before = await cheapFingerprint(own.touches);
      const res = await t.http<{ code?: string }>(method, path, { token: tokens[own.persona], body });
      const outcome = `${res.status} ${res.body?.code ?? ''}`.trim();
      expect({
        outcome: ['403', '404'].includes(String(res.status)) || outcome === TABLE ? 'refused' : outcome,
        wrote: (await cheapFingerprint(own.touches)) !== before,
      }).toEqual({
        outcome: 'refused',
        wrote: false,
      });
    });
  }

  it('answers 401 without a token on every write route that is not public', async () => {
    const wrong: string[] = [];
    for (const route of await writeRoutes()) {
      if (PUBLIC_WRITE.has(route)) continue;
      const [method, template] = route.split(' ');
      const path = template.replace(/^\/api/, '').replace(/\{\w+\}/g, '1');
      const res = await t.http(method, path, { body: {} });
      if (res.status !== 401) wrong.push(`${route}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
