import { LEGAL_CONSENT_VERSION } from '@union/shared';
import { hardshipApplication, today } from './hardship-fixtures';
import { cheapFingerprint, fullSnapshot, initMatrixKit, one, validationProblem } from './access-matrix-kit';
import { DEMO_PERSONAS, startTestApp, type DemoPersona, type TestApp } from './harness';

/**
 * The authorisation matrix of collection writes, generated from the OpenAPI document: every POST,
 * PUT, PATCH and DELETE without path parameters (creates, applications, reveals with the record in
 * the body, rule sets) × every demo persona who may NOT do it. Each route has one expectation: a
 * body valid in shape (checked with the server's own pipe, so a refusal is not a 400 in disguise)
 * and who may act. Everyone else is refused (403/404, or a documented per-cell answer) and nothing
 * changes: a fingerprint of the database is taken before and after every refused call. Where a
 * persona holds the permission, `outside` cells send a body naming a record or a place outside the
 * persona's place or function (another union, another town, another domain's case), so the
 * row-level check is proven and not only the permission guard. Last, one persona who may act sends
 * the main body and succeeds: the body is right, the refusals are about who asks. A new route
 * without path parameters fails this test until its expectation is written here.
 * (Routes with path parameters: access-matrix-writes.e2e.ts.)
 */
const PERSONAS = DEMO_PERSONAS;
type Persona = DemoPersona;
type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The county federation's union staff. */
const COUNTY: Persona[] = ['county_cadre', 'county_admin'];
/** Holders of a permission, by the roles in packages/shared/src/permissions.ts. */
/** Every persona: staff are workers too (roles include `worker`). */
const EVERY: Persona[] = [...PERSONAS];
const COMPETITION_MANAGE: Persona[] = ['town_cadre', 'town2_cadre', 'industry_cadre', ...COUNTY];
const HONOUR_NOMINATE: Persona[] = ['grassroots_cadre', 'town_cadre', 'town2_cadre', 'industry_cadre', ...COUNTY];
/** The same documented refusal for every persona but `except`. */
const everyoneBut = (except: Persona[], outcome: string): Partial<Record<Persona, string>> =>
  Object.fromEntries(PERSONAS.filter((p) => !except.includes(p)).map((p) => [p, outcome]));

/** A persona who holds the permission, with a body naming a record or place outside their reach. */
interface OutsideCell {
  persona: Persona;
  why: string;
  body: () => Promise<unknown>;
  /** A documented refusal besides 403/404, as "status code". */
  also?: string;
  /** A persona whose place covers the record, who then sends the same body and succeeds (the body is wrong only by place). */
  coveredBy?: Persona;
}

interface Expectation {
  /** A body valid in shape that one of `mayAct` can send with success. */
  body: () => Promise<unknown>;
  /** Personas who may do it with this body; only `proof` of them is called (last). */
  mayAct: Persona[];
  /** Who sends the body at the end and must succeed (null: nobody; the domain tests do). Default: the first of `mayAct`. */
  proof?: Persona | null;
  /** Other refusals that are right for a persona, as "status code" (e.g. "409 not_a_member"). */
  also?: Partial<Record<Persona, string>>;
  /** Refusals by place or function for personas who hold the permission. */
  outside?: OutsideCell[];
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

const idOf = async (sql: string, args: unknown[] = []) => Number((await one<{ id: number }>(sql, args)).id);
const userId = (name: string) => idOf('SELECT id FROM users WHERE display_name = ?', [name]);
const orgId = (name: string) => idOf('SELECT id FROM organizations WHERE name = ?', [name]);
/** A domain record by its case: type and the applicant's name. */
const byApplicant = (table: string, caseType: string, applicant: string) =>
  idOf(
    `SELECT d.id AS id FROM ${table} d JOIN workflow_cases c ON c.id = d.case_id JOIN users u ON u.id = c.applicant_user_id
      WHERE c.case_type = ? AND u.display_name = ? ORDER BY d.id`,
    [caseType, applicant],
  );

async function call<T = Record<string, unknown>>(persona: Persona, method: Method | 'GET', path: string, body: unknown, status: number) {
  const res = await t.http<T>(method, path, { token: tokens[persona], body });
  if (res.status !== status) throw new Error(`${method} ${path} as ${persona}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
const dayOffset = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const unique = () => Math.random().toString(36).slice(2, 8);

/** 冯师傅's membership application: 万安食品, hidden from his employer (so handled by 万安镇). */
const fengMembership = () => byApplicant('membership_applications', 'membership_application', '冯师傅');
/** 李会员's membership (县城建筑公司工会, 城关镇). */
const memberRecord = async () => idOf('SELECT id FROM members WHERE user_id = ?', [await userId('李会员')]);
/** 李会员's hardship application (县城建筑公司工会, 城关镇). */
const memberHardship = () => byApplicant('hardship_applications', 'hardship_application', '李会员');
/** The applicant of 冯师傅's hardship application (万安食品, 万安镇) as a household member. */
const fengHouseholdMember = async () =>
  idOf('SELECT id FROM hardship_household_members WHERE application_id = ? ORDER BY id', [
    await byApplicant('hardship_applications', 'hardship_application', '冯师傅'),
  ]);

const proxyApplication = async (union: string) => ({
  ...hardshipApplication(await orgId(union)),
  consentMethod: 'phone_recorded',
  consentNote: '本人电话同意由工会代为申请',
});
const invitation = async (union: string, role: string) => ({ organizationId: await orgId(union), role });
const reveal = async (subject: string, id: number, field: string) => ({ subject, id, field, reason: '核对身份' });

/** A free slot of 孙律师's in the coming weeks. */
const freeSlot = async () => {
  const lawyer = await userId('孙律师');
  const days = await call<{ slots: { lawyerUserId: number; startsAt: string; channels: string[] }[] }[]>(
    'member',
    'GET',
    `/legal/slots?from=${dayOffset(3)}&days=21&channel=in_person`,
    undefined,
    200,
  );
  const slot = days.flatMap((d) => d.slots).find((s) => s.lawyerUserId === lawyer);
  if (!slot) throw new Error('no free slot of 孙律师');
  return slot;
};
const booking = async (lawyerUserId?: number) => {
  const slot = await freeSlot();
  return {
    lawyerUserId: lawyerUserId ?? slot.lawyerUserId,
    startsAt: slot.startsAt,
    channel: 'in_person',
    topic: 'unpaid_wages',
    description: '老板拖欠了我三个月工资，一直不给。',
    phone: '13900001111',
  };
};
const legalAid = (over: Record<string, unknown> = {}) => ({
  disputeType: 'unpaid_wages',
  isMigrantWorker: true,
  amountClaimedFen: 860_000,
  householdMonthlyIncomeFen: 900_000,
  householdSize: 2,
  seriousIllnessOrDisaster: false,
  unionStaffHarmedForDuty: false,
  employer: { name: `矩阵测试劳务公司${unique()}`, creditCode: null, address: '城关镇' },
  claims: '支付拖欠的两个月工资 8600 元。',
  phone: '13900002222',
  employmentStartedOn: dayOffset(-200),
  employmentEndedOn: dayOffset(-30),
  learnedOn: dayOffset(-30),
  evidence: [],
  consentVersion: LEGAL_CONSENT_VERSION,
  ...over,
});
const contestBody = () => ({
  kind: 'ankang_cup',
  title: `矩阵测试·新建竞赛${unique()}`,
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
const currentRules = async (domain: 'hardship' | 'legal') =>
  (await call<{ rules: Record<string, unknown> }>('member', 'GET', `/${domain}/rule-sets/current`, undefined, 200)).rules;

// ---------------------------------------------------------------------------------------------

/** Expectation per route: "METHOD template" of the OpenAPI document. */
const EXPECTED: Record<string, Expectation> = {
  // Staff are invited by a cadre into their own subtree, never to a role that can do more than their own.
  // The staff's case search: a read sent as a POST so an ID number never sits in a URL. Every member
  // of staff may search (what they find is their own scope: case-search.e2e.ts); workers may not.
  'POST /api/cases/search': {
    body: async () => ({ limit: 5 }),
    mayAct: PERSONAS.filter((p) => p !== 'worker' && p !== 'member'),
  },
  'POST /api/auth/invitations': {
    body: () => invitation('县城建筑公司工会', 'grassroots_cadre'),
    mayAct: ['town_cadre', ...COUNTY],
    outside: [
      {
        persona: 'town_cadre',
        why: "万安镇's union is not under 城关镇",
        body: () => invitation('万安食品有限公司工会', 'grassroots_cadre'),
        coveredBy: 'town2_cadre',
      },
      {
        persona: 'town_cadre',
        why: 'a town cadre may not create a county cadre',
        body: () => invitation('县城建筑公司工会', 'county_cadre'),
      },
      {
        persona: 'industry_cadre',
        why: 'the health federation may not invite into 城关镇',
        body: () => invitation('城关镇总工会', 'grassroots_cadre'),
        coveredBy: 'county_cadre',
      },
      {
        persona: 'county_cadre',
        why: 'a county cadre may not create a county administrator',
        body: () => invitation('县城建筑公司工会', 'county_admin'),
        coveredBy: 'county_admin',
      },
    ],
  },

  // Membership: anyone may apply to any union (the applicant chooses); only a member transfers.
  'POST /api/membership/transfers': {
    body: async () => ({ toOrganizationId: await orgId('城关纺织有限公司工会'), newEmployerName: '城关纺织有限公司', reason: '换了工作' }),
    mayAct: ['member'],
    also: everyoneBut(['member'], '409 not_a_member'),
    proof: null,
  },
  'POST /api/membership/withdraw': {
    body: async () => ({ reason: '矩阵测试' }),
    mayAct: ['member'],
    also: everyoneBut(['member'], '409 not_a_member'),
    // 李会员 stays a member for the other routes.
    proof: null,
    touches: ['members'],
  },
  'POST /api/pii/reveal': {
    body: async () => reveal('membership_application', await fengMembership(), 'idNumber'),
    mayAct: ['town2_cadre', ...COUNTY],
    outside: [
      {
        persona: 'town2_cadre',
        why: "李会员 is a member at 城关镇's construction company",
        body: async () => reveal('member', await memberRecord(), 'phone'),
      },
      {
        persona: 'industry_cadre',
        why: 'a member outside the health federation',
        body: async () => reveal('member', await memberRecord(), 'phone'),
      },
      {
        persona: 'legal_staff',
        why: 'the legal-aid centre does not handle membership',
        body: async () => reveal('member', await memberRecord(), 'phone'),
      },
    ],
  },

  // Hardship.
  'POST /api/hardship/rule-sets': {
    body: async () => {
      const year = Number(today().slice(0, 4)) + 3;
      return { year, effectiveFrom: `${year}-01-01`, rules: await currentRules('hardship') };
    },
    mayAct: COUNTY,
  },
  'POST /api/hardship/applications/proxy': {
    // 代办 only for the workers of the cadre's own union or those below it.
    body: () => proxyApplication('县城建筑公司工会'),
    mayAct: ['grassroots_cadre', 'town_cadre', ...COUNTY],
    also: { town2_cadre: '400 invalid_organization', industry_cadre: '400 invalid_organization' },
    outside: [
      {
        persona: 'grassroots_cadre',
        why: 'proxying for another union (城关纺织)',
        body: () => proxyApplication('城关纺织有限公司工会'),
        also: '400 invalid_organization',
        coveredBy: 'town_cadre',
      },
      {
        persona: 'town_cadre',
        why: "proxying for 万安镇's union",
        body: () => proxyApplication('万安食品有限公司工会'),
        also: '400 invalid_organization',
        coveredBy: 'town2_cadre',
      },
      {
        persona: 'town2_cadre',
        why: "proxying for 城关镇's riders",
        body: () => proxyApplication('城关镇快递外卖联合工会'),
        also: '400 invalid_organization',
      },
    ],
  },
  'POST /api/hardship/reveal': {
    // 李会员's application at the construction company's union: its hardship staff in place.
    body: async () => reveal('hardship_application', await memberHardship(), 'phone'),
    mayAct: ['grassroots_cadre', 'town_cadre', ...COUNTY],
    outside: [
      {
        persona: 'grassroots_cadre',
        why: "a household of 万安镇's food company",
        body: async () => reveal('hardship_member', await fengHouseholdMember(), 'idNumber'),
        coveredBy: 'town2_cadre',
      },
      {
        persona: 'town_cadre',
        why: 'a household of 万安镇',
        body: async () => reveal('hardship_member', await fengHouseholdMember(), 'name'),
      },
      {
        persona: 'legal_staff',
        why: 'the legal-aid centre does not handle hardship',
        body: async () => reveal('hardship_member', await fengHouseholdMember(), 'name'),
      },
      {
        persona: 'industry_cadre',
        why: 'a household outside the health federation',
        body: async () => reveal('hardship_application', await memberHardship(), 'bankAccount'),
        coveredBy: 'grassroots_cadre',
      },
    ],
  },
  'POST /api/hardship/campaigns': {
    body: async () => ({
      kind: 'winter_warmth',
      title: `矩阵测试送温暖${unique()}`,
      budgetFen: 150_000,
      startsOn: today(),
      endsOn: dayOffset(60),
      eligibility: '在档困难职工家庭',
      amounts: { perHouseholdFen: 60_000 },
      fundSource: '送温暖专项资金',
    }),
    mayAct: COUNTY,
  },

  // Legal: the centre's.
  'POST /api/legal/rule-sets': {
    body: async () => ({ effectiveFrom: dayOffset(400), rules: await currentRules('legal') }),
    mayAct: ['legal_staff'],
  },
  'POST /api/legal/consultations': {
    body: () => booking(),
    mayAct: EVERY,
    proof: 'grassroots_cadre',
    outside: [
      // 张干事 is no lawyer: no slot of his exists.
      {
        persona: 'member',
        why: 'booking a "lawyer" who is a union cadre',
        body: async () => booking(await userId('张干事')),
        also: '409 slot_unavailable',
      },
    ],
  },
  'POST /api/legal/aid-applications': {
    body: async () => legalAid(),
    mayAct: EVERY,
    proof: 'member',
    outside: [
      {
        persona: 'member',
        why: "converting 周大山's consultation",
        body: async () => legalAid({ fromConsultationId: await byApplicant('legal_consultations', 'legal_consultation', '周大山') }),
        also: '400 validation_failed',
      },
    ],
  },
  'POST /api/legal/petitions': {
    body: async () => ({
      channel: 'letter',
      petitionerName: '王立新',
      petitionerPhone: '13900006666',
      employerName: '某电子厂',
      workerCount: 3,
      subject: '3 名职工反映未签劳动合同',
      content: '电子厂 3 名职工反映入职半年未签劳动合同。',
      receivedOn: today(),
    }),
    mayAct: ['legal_staff', ...COUNTY],
  },

  // Competitions: organised by the county, the towns and the industry federations, at their own union.
  'POST /api/competitions': {
    body: async () => contestBody(),
    mayAct: COMPETITION_MANAGE,
    proof: 'town2_cadre',
  },
  'POST /api/competitions/employer-flags': {
    body: async () => ({ employerName: `矩阵测试欠薪企业${unique()}`, kind: 'wage_arrears', note: '经查拖欠工资三个月。', since: today() }),
    mayAct: COMPETITION_MANAGE,
    proof: 'town2_cadre',
  },

  // Proposals: a member proposes to their own union.
  'POST /api/proposals': {
    body: async () => ({
      title: '矩阵测试建议',
      problem: '工地上的工具经常找不到，耽误干活。',
      suggestion: '每个班组设一个工具柜，专人登记借还。',
      expectedBenefit: '少耽误工时',
    }),
    mayAct: ['member'],
    also: everyoneBut(['member'], '409 not_a_member'),
  },

  // Honours: the county keeps the kinds and the registry; unions nominate from their own union.
  'POST /api/honours/kinds': {
    body: async () => ({ code: `matrix_${unique().replace(/\d/g, 'x')}`, name: '矩阵荣誉', nomineeType: 'person' }),
    mayAct: COUNTY,
  },
  'POST /api/honours/model-workers': {
    body: async () => ({ name: '矩阵劳模', employerName: '县城建筑公司', title: '县劳动模范', awardedYear: 2020 }),
    mayAct: COUNTY,
  },
  'POST /api/honours/nominations': {
    body: async () => {
      const kinds = await call<{ id: number; code: string }[]>('grassroots_cadre', 'GET', '/honours/kinds', undefined, 200);
      return {
        kindId: (kinds.find((k) => k.code === 'model_worker') ?? kinds[0]).id,
        nomineeName: '矩阵候选人',
        employerName: '县城建筑公司',
        deeds: '扎根建筑一线二十年，带领班组攻克高支模施工难题，连续三年安全生产零事故，带出徒弟 15 人。',
        year: Number(today().slice(0, 4)),
      };
    },
    mayAct: HONOUR_NOMINATE,
  },
};

/** Collection writes every signed-in persona may call for themselves: nothing to refuse by who asks. */
const EVERYONE: Record<string, string> = {
  'POST /api/auth/invitations/redeem': 'the one-time code is the credential; a signed-in user redeems it for themselves (access.e2e.ts)',
  'POST /api/me/consents': "the caller's own consent to the privacy notices",
  'POST /api/uploads': "anyone signed in uploads their own evidence; attaching it is checked by each case's endpoint (uploads.e2e.ts)",
  'POST /api/legal/eligibility': 'a calculation by the published rules; writes nothing',
  'POST /api/membership/applications':
    'every persona is a worker too and may apply to the union they choose (membership.e2e.ts; the own-case rule: access-matrix-writes.e2e.ts)',
  'POST /api/hardship/applications': 'every persona is a worker too and may apply for their own household at their union (hardship.e2e.ts)',
  'PUT /api/hardship/draft': "the caller's own draft of a hardship application",
  'DELETE /api/hardship/draft': "the caller's own draft of a hardship application",
  'POST /api/legal/threads': 'every persona is a worker too and may ask the centre online; the case names no record (legal.e2e.ts)',
};

/** Collection writes checked in another test file. */
const ELSEWHERE: Record<string, string> = {};

/** Collection writes not yet in this matrix: printed, and listed so the coverage check stays honest. */
const TODO: Record<string, string> = {};

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

async function collectionWrites(): Promise<string[]> {
  const doc = (await t.http<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs/openapi.json')).body;
  return Object.entries(doc.paths)
    .filter(([path]) => !path.includes('{'))
    .flatMap(([path, ops]) => WRITE_METHODS.filter((m) => m in ops).map((m) => `${m.toUpperCase()} ${path}`));
}

const outcomeOf = (res: { status: number; body: { code?: string } }) => `${res.status} ${res.body?.code ?? ''}`.trim();
const refusedBy = (outcome: string, also?: string) =>
  outcome.startsWith('403') || outcome.startsWith('404') || (!!also && outcome === also);

describe('the authorisation matrix of collection writes', () => {
  it('has an expectation for every write route without path parameters in the OpenAPI document', async () => {
    const all = await collectionWrites();
    const routes = all.filter((r) => !PUBLIC_WRITE.has(r));
    expect(routes.length).toBeGreaterThan(20);
    const todo = routes.filter((r) => TODO[r]);
    if (todo.length) console.log(`collection writes not yet in the matrix:\n${todo.map((r) => `  ${r}: ${TODO[r]}`).join('\n')}`);
    expect(routes.filter((r) => !EXPECTED[r] && !EVERYONE[r] && !ELSEWHERE[r] && !TODO[r])).toEqual([]);
    // No stale entries either, and each route in one list only.
    const listed = [...Object.keys(EXPECTED), ...Object.keys(EVERYONE), ...Object.keys(ELSEWHERE), ...Object.keys(TODO)];
    expect(listed.filter((r) => !routes.includes(r))).toEqual([]);
    expect(listed.filter((r, i) => listed.indexOf(r) !== i)).toEqual([]);
    expect([...PUBLIC_WRITE].filter((r) => !all.includes(r))).toEqual([]);
  });

  for (const [route, expectation] of Object.entries(EXPECTED)) {
    const refused = PERSONAS.filter((p) => !expectation.mayAct.includes(p));
    const outside = expectation.outside ?? [];
    const title =
      `${route}: ${expectation.mayAct.length ? `only ${expectation.mayAct.join(', ')}` : 'no persona'} may; ` +
      `${refused.length} refused${outside.length ? `, ${outside.length} outside their place or function` : ''}, nothing written`;
    const test = KNOWN_BUGS[route] ? it.skip : it;
    test(title, async () => {
      const [method, template] = route.split(' ') as [Method, string];
      const path = template.replace(/^\/api/, '');
      const body = await expectation.body();
      expect(await validationProblem(route, body)).toBeNull();
      const touches = expectation.touches ?? [];
      const snapshot = await fullSnapshot();
      let fingerprint = await cheapFingerprint(touches);
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      const check = async (cell: string, persona: Persona, cellBody: unknown, also?: string) => {
        const res = await t.http<{ code?: string }>(method, path, { token: tokens[persona], body: cellBody });
        const outcome = outcomeOf(res);
        const after = await cheapFingerprint(touches);
        got[cell] = `${refusedBy(outcome, also) ? 'refused' : outcome}${after === fingerprint ? '' : ', wrote'}`;
        want[cell] = 'refused';
        fingerprint = after;
      };
      for (const persona of refused) await check(persona, persona, body, expectation.also?.[persona]);
      for (const cell of outside) {
        const cellBody = await cell.body();
        expect(await validationProblem(route, cellBody)).toBeNull();
        await check(`${cell.persona}: ${cell.why}`, cell.persona, cellBody, cell.also);
      }
      expect(got).toEqual(want);
      const changed = [...(await fullSnapshot())].filter(([table, hash]) => snapshot.get(table) !== hash).map(([table]) => table);
      expect(changed).toEqual([]);
      // The body is right: one persona who may act sends it and succeeds.
      const proof = expectation.proof === undefined ? expectation.mayAct[0] : expectation.proof;
      if (proof) {
        const res = await t.http<{ code?: string }>(method, path, { token: tokens[proof], body });
        expect({ proof, status: res.status < 300 ? 'ok' : outcomeOf(res) }).toEqual({ proof, status: 'ok' });
      }
      const covered: Record<string, string> = {};
      for (const cell of outside.filter((c) => c.coveredBy)) {
        const res = await t.http<{ code?: string }>(method, path, { token: tokens[cell.coveredBy as Persona], body: await cell.body() });
        covered[`${cell.coveredBy} (${cell.why})`] = res.status < 300 ? 'ok' : outcomeOf(res);
      }
      expect(covered).toEqual(Object.fromEntries(Object.keys(covered).map((k) => [k, 'ok'])));
    });
  }

  it('answers 401 without a token on every collection write that is not public', async () => {
    const wrong: string[] = [];
    for (const route of await collectionWrites()) {
      if (PUBLIC_WRITE.has(route)) continue;
      const [method, template] = route.split(' ');
      const res = await t.http(method, template.replace(/^\/api/, ''), { body: {} });
      if (res.status !== 401) wrong.push(`${route}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});
