import {
  addDays,
  type CompetitionState,
  type CompetitionView,
  type CreateCompetitionRequest,
  type CreateEmployerFlagRequest,
  type CreateNominationRequest,
  type CreateProposalRequest,
  type EmployerFlagView,
  type EntryView,
  type HonourKindView,
  type NominationState,
  type NominationView,
  type ProposalState,
  type ProposalView,
} from '@union/shared';
import { aMember, CONSTRUCTION_UNION } from './membership-fixtures';
import type { TestApp } from './harness';
import { userIdOf } from './legal-fixtures';

/**
 * Recognition made for a test through the API: competitions set up by staff and the entries of
 * members, employer flags, rationalisation proposals and honour nominations, each brought along
 * its workflow by people made with `t.loginAs(role, organisationPath)`. Notice periods run out by
 * moving `t.clock`, which stays moved until the test ends.
 */

/** The county federation: where the county's organisers, judges, experts and honour staff sit. */
export const COUNTY = '县总工会';

/** Someone made for a test whose user id matters (a judge to name, an expert to send to). */
export interface Person {
  token: string;
  id: number;
}

/** A member of staff with `role` at `at`, with their user id. */
export async function aPerson(t: TestApp, role: string, at = COUNTY): Promise<Person> {
  const token = await t.loginAs(role, at);
  return { token, id: await userIdOf(t, token) };
}

/** A plain step on a record's case through the case API; throws unless it is taken. */
async function takeStep<T>(t: TestApp, recordPath: string, token: string, body: Record<string, unknown>): Promise<T> {
  const res = await t.step<T>(recordPath, { token, body });
  if (res.status !== 200) throw new Error(`${recordPath} ${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A POST that must answer `status`; its body. */
async function posted<T>(t: TestApp, path: string, token: string, body: unknown, status = 200): Promise<T> {
  const res = await t.http<T>('POST', path, { token, body });
  if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

// ---- competitions ----

/**
 * A skills contest of one individual event judged by the judges' average, registration closing in
 * five days, five days' notice; a first prize and a title for the top two.
 */
export function competitionRequest(t: TestApp, over: Partial<CreateCompetitionRequest> = {}): CreateCompetitionRequest {
  const day = (offset: number) => addDays(t.clock.today(), offset);
  return {
    kind: 'skills',
    title: `技能比武${Math.random().toString(36).slice(2, 6)}`,
    description: '测试比赛',
    registrationClosesOn: day(5),
    startsOn: day(6),
    endsOn: day(7),
    noticeDays: 5,
    events: [
      {
        name: '焊接',
        entryKind: 'individual',
        maxEntries: 0,
        scoring: { kind: 'judges_average', dropExtremesFrom: 3 },
        tieBreak: 'shared',
        awards: [
          { title: '一等奖', fromRank: 1, toRank: 1 },
          { title: '技术能手', fromRank: 1, toRank: 2 },
        ],
      },
    ],
    ...over,
  };
}

/** The states a competition passes on its way to published results, in order. */
export const COMPETITION_PATH = ['draft', 'open', 'running', 'checking', 'public_notice', 'published'] as const;

/** A competition made for a test, with its organiser and the judge named on its judged events. */
export interface CompetitionSetup {
  competition: CompetitionView;
  organiser: string;
  judge: Person;
}

/**
 * A competition set up by an organiser (a county cadre, or a town cadre when `at` is a town; made
 * unless given), its judged events judged by `judge` (a county judge made unless given), brought
 * to `state` along the usual path (`advanceCompetition`).
 */
export async function aCompetition(
  t: TestApp,
  options: {
    at?: string;
    organiser?: string;
    judge?: Person;
    state?: (typeof COMPETITION_PATH)[number];
    competition?: Partial<CreateCompetitionRequest>;
  } = {},
): Promise<CompetitionSetup> {
  const at = options.at ?? COUNTY;
  const organiser = options.organiser ?? (await t.loginAs(at === COUNTY ? 'county_cadre' : 'town_cadre', at));
  const judge = options.judge ?? (await aPerson(t, 'judge'));
  let c = await posted<CompetitionView>(t, '/competitions', organiser, competitionRequest(t, options.competition), 201);
  for (const event of c.events.filter((e) => e.scoring.kind === 'judges_average')) {
    const res = await t.http<CompetitionView>('PUT', `/competitions/${c.id}/events/${event.id}/judges`, {
      token: organiser,
      body: { judgeUserIds: [judge.id] },
    });
    if (res.status !== 200) throw new Error(`aCompetition: judges ${res.status} ${JSON.stringify(res.body)}`);
    c = res.body;
  }
  return { competition: await advanceCompetition(t, c, options.state ?? 'draft', organiser), organiser, judge };
}

/**
 * Take a competition from where it stands to `state` along the usual path, as its organiser:
 * registration opened and closed, results computed from whatever was scored, the notice started
 * and, for `published`, run out by moving the clock past its end.
 */
export async function advanceCompetition(
  t: TestApp,
  c: CompetitionView,
  state: (typeof COMPETITION_PATH)[number],
  organiser: string,
): Promise<CompetitionView> {
  const next: Partial<Record<CompetitionState, string>> = {
    draft: 'open_registration',
    open: 'close_registration',
    running: 'compute_results',
    checking: 'start_notice',
    public_notice: 'publish',
  };
  let v = c;
  const target = COMPETITION_PATH.indexOf(state);
  while (COMPETITION_PATH.indexOf(v.state as (typeof COMPETITION_PATH)[number]) < target) {
    const action = next[v.state];
    if (!action) throw new Error(`advanceCompetition: cannot go on from ${v.state}`);
    if (action === 'publish' && v.noticeEndsAt) t.clock.set(new Date(Date.parse(v.noticeEndsAt) + 1000));
    v = await takeStep<CompetitionView>(t, `/competitions/${c.id}`, organiser, { action, version: v.version });
  }
  if (v.state !== state) throw new Error(`advanceCompetition: reached ${v.state}, not ${state}`);
  return v;
}

/**
 * An entry of a member in an event of the competition (the first unless told): a new member of
 * `union` (default 县城建筑公司工会) working for `employerName` unless `worker` is given.
 */
export async function anEntry(
  t: TestApp,
  c: CompetitionView,
  options: { worker?: string; union?: string; employerName?: string; eventId?: number; body?: Record<string, unknown> } = {},
): Promise<{ entry: EntryView; token: string }> {
  const token =
    options.worker ??
    (
      await aMember(t, {
        union: options.union ?? CONSTRUCTION_UNION,
        application: options.employerName ? { employerName: options.employerName } : {},
      })
    ).token;
  const entry = await posted<EntryView>(
    t,
    `/competitions/${c.id}/entries`,
    token,
    { eventId: options.eventId ?? c.events[0].id, ...options.body },
    201,
  );
  return { entry, token };
}

/** A name of an employer no other test uses. */
export const anEmployerName = (what = '机械厂') => `测试${what}${Math.random().toString(36).slice(2, 7)}`;

/**
 * A flag on an employer set by a county cadre (made unless `by` is given): a serious accident a
 * year ago unless told; the employer is a new one unless named.
 */
export async function anEmployerFlag(
  t: TestApp,
  options: { by?: string; flag?: Partial<CreateEmployerFlagRequest> } = {},
): Promise<EmployerFlagView> {
  const by = options.by ?? (await t.loginAs('county_cadre', COUNTY));
  return posted<EmployerFlagView>(
    t,
    '/competitions/employer-flags',
    by,
    {
      employerName: anEmployerName(),
      kind: 'serious_accident',
      note: '去年车间火灾，1 人重伤',
      since: addDays(t.clock.today(), -365),
      ...options.flag,
    },
    201,
  );
}

// ---- proposals ----

/** A proposal to cut steel waste (a new title each time). */
export function proposalRequest(over: Partial<CreateProposalRequest> = {}): CreateProposalRequest {
  return {
    title: `钢筋下料改用套裁表${Math.random().toString(36).slice(2, 6)}`,
    problem: '现在钢筋下料凭经验，短料浪费多，每月损耗约 3 吨。',
    suggestion: '按图纸先排套裁表，长短料搭配下料，余料统一编号再用。',
    expectedBenefit: '每月少损耗钢材约 2 吨',
    ...over,
  };
}

/** The states an adopted proposal passes on its way to publication, in order. */
export const PROPOSAL_PATH = ['submitted', 'under_review', 'adopted', 'implemented', 'evaluated', 'published'] as const;

/** A proposal made for a test: as it stands, its author, the union's cadre and the expert it went to. */
export interface ProposalCase {
  proposal: ProposalView;
  author: string;
  cadre: string;
  expert: Person;
}

/**
 * A proposal of a member of `union` (default 县城建筑公司工会; a new member unless `author` is
 * given), brought to `state` by the union's cadre (made unless given) with a county expert (made
 * unless given): registered, recommended and adopted, implemented, graded and published; or not
 * adopted with a reason, or withdrawn by its author.
 */
export async function aProposal(
  t: TestApp,
  options: {
    union?: string;
    author?: string;
    cadre?: string;
    expert?: Person;
    state?: ProposalState;
    proposal?: Partial<CreateProposalRequest>;
  } = {},
): Promise<ProposalCase> {
  const union = options.union ?? CONSTRUCTION_UNION;
  const author = options.author ?? (await aMember(t, { union })).token;
  const submitted = await posted<ProposalView>(t, '/proposals', author, proposalRequest(options.proposal), 201);
  const cadre = options.cadre ?? (await t.loginAs('grassroots_cadre', union));
  const expert = options.expert ?? (await aPerson(t, 'judge'));
  const people = { author, cadre, expert };
  return { proposal: await advanceProposal(t, submitted, options.state ?? 'submitted', people), ...people };
}

/** Take a proposal from where it stands to `state`, as its author, the union's cadre and the expert. */
export async function advanceProposal(
  t: TestApp,
  p: ProposalView,
  state: ProposalState,
  people: { author: string; cadre: string; expert: Person },
): Promise<ProposalView> {
  let v = p;
  const post = async (path: string, body: Record<string, unknown>, token = people.cadre) => {
    v = await posted<ProposalView>(t, `/proposals/${p.id}${path}`, token, { ...body, version: v.version });
  };
  if (state === 'withdrawn') {
    v = await takeStep<ProposalView>(t, `/proposals/${p.id}`, people.author, { action: 'withdraw', version: v.version });
  } else if (state !== 'submitted') {
    const adopt = state !== 'not_adopted';
    if (v.state === 'submitted') await post('/register', { expertUserIds: [people.expert.id] });
    if (v.state === 'under_review' && state !== 'under_review') {
      await posted(t, `/proposals/${p.id}/opinions`, people.expert.token, {
        recommend: adopt ? 'adopt' : 'reject',
        opinion: adopt ? '思路可行，建议先在三个班组试行。' : '属于后勤管理事项，建议转交福利委员会。',
      });
      await post('/decide', adopt ? { adopt: true } : { adopt: false, reason: '属于后勤福利事项，已转交福利委员会办理' });
    }
    const at = () => PROPOSAL_PATH.indexOf(v.state as (typeof PROPOSAL_PATH)[number]);
    if (v.state === 'adopted' && at() < PROPOSAL_PATH.indexOf(state as (typeof PROPOSAL_PATH)[number]))
      await post('/implement', { implementedOn: t.clock.today(), note: '班组已按新办法实施。' });
    if (v.state === 'implemented' && at() < PROPOSAL_PATH.indexOf(state as (typeof PROPOSAL_PATH)[number]))
      await post('/evaluate', { benefitFen: 1_000_000, grade: 'third' });
    if (v.state === 'evaluated' && state === 'published')
      v = await takeStep<ProposalView>(t, `/proposals/${p.id}`, people.cadre, { action: 'publish', version: v.version });
  }
  if (v.state !== state) throw new Error(`advanceProposal: reached ${v.state}, not ${state}`);
  return v;
}

// ---- honours ----

/** Deeds long enough for a nomination. */
export const DEEDS = '扎根建筑一线二十年，带领班组攻克高支模施工难题，连续三年安全生产零事故，带出徒弟 15 人。';

/** An honour by its code (`model_worker`, `vanguard` …), as the built-in list has it. */
export async function honourKind(t: TestApp, token: string, code: string): Promise<HonourKindView> {
  const kinds = await t.http<HonourKindView[]>('GET', '/honours/kinds', { token });
  const kind = kinds.body.find((k) => k.code === code);
  if (!kind) throw new Error(`honourKind: no honour ${code}`);
  return kind;
}

/** A nomination made for a test: as it stands, the union that nominated and the county's honour staff. */
export interface NominationCase {
  nomination: NominationView;
  nominator: string;
  county: string;
}

/**
 * A nomination for `kind` (default 工人先锋号, `vanguard`) by the cadre of `union` (default
 * 县城建筑公司工会; made unless `nominator` is given), this year, brought to `state` by a county
 * cadre (made unless given): put on notice, awarded once the notice has run out (the clock
 * moves past its end), or rejected with a reason.
 */
export async function aNomination(
  t: TestApp,
  options: {
    union?: string;
    nominator?: string;
    county?: string;
    kind?: string;
    state?: Extract<NominationState, 'submitted' | 'public_notice' | 'awarded' | 'rejected'>;
    nomination?: Partial<CreateNominationRequest>;
  } = {},
): Promise<NominationCase> {
  const nominator = options.nominator ?? (await t.loginAs('grassroots_cadre', options.union ?? CONSTRUCTION_UNION));
  const kind = await honourKind(t, nominator, options.kind ?? 'vanguard');
  let n = await posted<NominationView>(
    t,
    '/honours/nominations',
    nominator,
    {
      kindId: kind.id,
      nomineeName: '钢筋班',
      employerName: '县城建筑公司',
      deeds: DEEDS,
      year: Number(t.clock.today().slice(0, 4)),
      ...options.nomination,
    },
    201,
  );
  const county = options.county ?? (await t.loginAs('county_cadre', COUNTY));
  const state = options.state ?? 'submitted';
  const step = async (action: string, comment?: string) => {
    n = await takeStep<NominationView>(t, `/honours/nominations/${n.id}`, county, { action, version: n.version, comment });
  };
  if (state === 'rejected') await step('reject', '推荐材料不全，本次不予通过');
  if (state === 'public_notice' || state === 'awarded') await step('start_notice');
  if (state === 'awarded') {
    t.clock.set(new Date(Date.parse(n.noticeEndsAt as string) + 1000));
    await step('award');
  }
  if (n.state !== state) throw new Error(`aNomination: reached ${n.state}, not ${state}`);
  return { nomination: n, nominator, county };
}
