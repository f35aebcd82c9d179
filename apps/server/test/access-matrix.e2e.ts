import { DEMO_PERSONAS, startTestApp, type DemoPersona, type TestApp } from './harness';

/**
 * The authorisation matrix, generated from the OpenAPI document: every GET operation that reads one
 * record (a path with parameters) × every demo persona. Each record kind has one expectation: who
 * may read it (200); everyone else gets 403 or 404 and learns nothing. A new route with path
 * parameters fails this test until its expectation is written here, so no record route goes
 * unchecked.
 */
const PERSONAS = DEMO_PERSONAS;
type Persona = DemoPersona;

/** Staff of the construction company's union (城关镇) and above it, in union work. */
const CHENGGUAN_UNION: Persona[] = ['grassroots_cadre', 'town_cadre', 'county_cadre', 'county_admin'];

interface Expectation {
  /** Path parameters of a seeded record of this kind. */
  params: () => Promise<Record<string, number | string>>;
  /** Personas who may read it; the rest are refused (403/404). */
  allowed: Persona[];
  /** Other statuses that are right for a persona (e.g. 409 results not yet public). */
  also?: Partial<Record<Persona, number>>;
}

let t: TestApp;
const tokens = {} as Record<Persona, string>;

beforeAll(async () => {
  t = await startTestApp();
  for (const p of PERSONAS) tokens[p] = await t.loginAs(p);
});
afterAll(async () => {
  await t?.close();
});

async function get<T>(persona: Persona, path: string): Promise<T> {
  const res = await t.http<T>('GET', path, { token: tokens[persona] });
  if (res.status !== 200) throw new Error(`GET ${path} as ${persona}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
/** The status of a GET, whatever the body is (JSON, a PNG certificate). */
async function statusOf(path: string, token?: string): Promise<number> {
  const res = await fetch(`${t.baseUrl}/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  await res.arrayBuffer();
  return res.status;
}
const items = <T>(body: T[] | { items: T[] }): T[] => (Array.isArray(body) ? body : body.items);
const first = async (persona: Persona, path: string, pick: (row: Record<string, unknown>) => boolean = () => true) => {
  const row = items(await get<Record<string, unknown>[] | { items: Record<string, unknown>[] }>(persona, path)).find(pick);
  if (!row) throw new Error(`no seeded record in ${path} for ${persona}`);
  return row;
};

// Records of the demo county (see src/seed): 李会员 (`member`) works at 县城建筑公司 in 城关镇.
const memberHardship = async () => ({ id: Number((await first('member', '/hardship/applications/mine')).id) });
const memberMembership = async () => ({ id: Number((await first('member', '/membership/applications/mine')).id) });
const memberConsultation = async () => ({
  id: Number((await first('member', '/legal/consultations/mine', (c) => c.lawyerName === '孙律师')).id),
});
const memberThread = async () => ({ id: Number((await first('member', '/legal/threads/mine')).id) });
const householdFile = async () => ({ id: Number((await first('county_cadre', '/hardship/files?limit=5')).id) });
const publishedCompetition = async () => {
  const c = await first('member', '/competitions', (x) => x.state === 'published');
  return { id: Number(c.id), eventId: Number((c.events as { id: number }[])[0].id) };
};
const runningCompetition = async () => {
  const c = await first('county_cadre', '/competitions', (x) => String(x.title).includes('维修电工') && x.state === 'running');
  return { id: Number(c.id), eventId: Number((c.events as { id: number }[])[0].id) };
};

let proposalId: number | null = null;
const memberProposal = async () => {
  if (proposalId === null) {
    const res = await t.http<{ id: number }>('POST', '/proposals', {
      token: tokens.member,
      body: {
        title: '工地饮水点',
        problem: '夏天工地上喝水要走很远。',
        suggestion: '每个作业面设一个饮水点。',
        expectedBenefit: '减少中暑',
      },
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    proposalId = res.body.id;
  }
  return { id: proposalId };
};

/** Expectation per route template of the OpenAPI document (GET with path parameters). */
const EXPECTED: Record<string, Expectation> = {
  '/api/membership/applications/{id}': { params: memberMembership, allowed: ['member', ...CHENGGUAN_UNION] },
  '/api/hardship/applications/{id}': { params: memberHardship, allowed: ['member', ...CHENGGUAN_UNION] },
  // The case API answers as the domain endpoints do: the member's hardship case is not the lawyers'.
  '/api/cases/{id}': {
    params: async () => ({
      id: Number((await get<{ caseId: number }>('member', `/hardship/applications/${(await memberHardship()).id}`)).caseId),
    }),
    allowed: ['member', ...CHENGGUAN_UNION],
  },
  // Its actions and its history alone: the same people as the case.
  '/api/cases/{id}/actions': {
    params: async () => ({
      id: Number((await get<{ caseId: number }>('member', `/hardship/applications/${(await memberHardship()).id}`)).caseId),
    }),
    allowed: ['member', ...CHENGGUAN_UNION],
  },
  '/api/cases/{id}/history': {
    params: async () => ({
      id: Number((await get<{ caseId: number }>('member', `/hardship/applications/${(await memberHardship()).id}`)).caseId),
    }),
    allowed: ['member', ...CHENGGUAN_UNION],
  },
  // 钱阿姨's household is filed at a union of 城关镇 other than the construction company's.
  '/api/hardship/files/{id}': { params: householdFile, allowed: ['town_cadre', 'county_cadre', 'county_admin'] },
  '/api/hardship/aid/{id}': {
    params: async () => ({
      id: (await get<{ aid: { id: number }[] }>('county_cadre', `/hardship/files/${(await householdFile()).id}`)).aid[0].id,
    }),
    allowed: ['town_cadre', 'county_cadre', 'county_admin'],
  },
  '/api/legal/consultations/{id}': { params: memberConsultation, allowed: ['member', 'lawyer', 'legal_staff'] },
  '/api/legal/threads/{id}': {
    params: memberThread,
    // The thread is assigned to 吴律师 (not a persona): 孙律师 does not see it.
    allowed: ['member', 'legal_staff'],
  },
  '/api/legal/aid-applications/{id}': {
    params: async () => ({
      id: Number((await first('legal_staff', '/legal/aid-applications?limit=50', (a) => a.lawyerName === '孙律师')).id),
    }),
    allowed: ['lawyer', 'legal_staff'],
  },
  '/api/legal/petitions/{id}': {
    params: async () => ({ id: Number((await first('legal_staff', '/legal/petitions?limit=5')).id) }),
    allowed: ['legal_staff', 'county_cadre', 'county_admin'],
  },
  '/api/competitions/{id}': { params: publishedCompetition, allowed: [...PERSONAS] },
  '/api/competitions/{id}/results': { params: publishedCompetition, allowed: [...PERSONAS] },
  '/api/competitions/{id}/entries': { params: publishedCompetition, allowed: ['county_cadre', 'county_admin'] },
  '/api/competitions/{id}/objections': { params: publishedCompetition, allowed: ['county_cadre', 'county_admin'] },
  '/api/competitions/{id}/events/{eventId}/scores': { params: runningCompetition, allowed: ['county_cadre', 'county_admin'] },
  '/api/competitions/{id}/events/{eventId}/judging': { params: runningCompetition, allowed: ['judge'] },
  '/api/competitions/entries/{entryId}': {
    params: async () => ({ entryId: Number((await first('member', '/competitions/entries/mine', (e) => !!e.certificateAvailable)).id) }),
    allowed: ['member', 'county_cadre', 'county_admin'],
  },
  '/api/competitions/entries/{entryId}/certificate': {
    params: async () => ({ entryId: Number((await first('member', '/competitions/entries/mine', (e) => !!e.certificateAvailable)).id) }),
    allowed: ['member'],
  },
  '/api/competitions/entries/{entryId}/certificate-image': {
    params: async () => ({ entryId: Number((await first('member', '/competitions/entries/mine', (e) => !!e.certificateAvailable)).id) }),
    allowed: ['member'],
  },
  '/api/proposals/{id}': {
    params: memberProposal,
    allowed: ['member', ...CHENGGUAN_UNION],
  },
};

/** Routes with path parameters that read no single record of a person, or are checked elsewhere. */
const ELSEWHERE: Record<string, string> = {
  '/api/files/{token}': 'a signed link: test/uploads.e2e.ts (forged, expired) and test/access.e2e.ts (who gets a link)',
  '/api/uploads/{id}/link': 'test/access.e2e.ts: the persona matrix of an evidence photo',
  '/api/hardship/notices/{id}': 'test/access.e2e.ts: ended notices',
  '/api/hardship/campaigns/{id}': 'a campaign is public to workers (金秋助学 is applied for); staff fields only for hardship staff',
  '/api/hardship/grants/{id}': 'test/hardship-campaigns.e2e.ts',
  '/api/membership/transfers/{id}': 'test/membership.e2e.ts',
  '/api/honours/nominations/{id}': 'test/honours.e2e.ts',
};

/** GET routes anyone may call (declared @Public): the signed card check, rules, notices, the docs. */
const PUBLIC_GET = new Set([
  '/api/health',
  '/api/membership/cards/verify',
  '/api/hardship/rule-sets/current',
  '/api/legal/rule-sets/current',
  '/api/legal/evidence-checklist',
  '/api/files/{token}',
  '/api/auth/demo-personas',
  '/api/organizations/search',
  '/api/organizations/counties',
  // Behind its own token (METRICS_TOKEN), not a sign-in: test/metrics.e2e.ts.
  '/api/metrics',
]);

describe('the authorisation matrix', () => {
  it('has an expectation for every GET route with path parameters in the OpenAPI document', async () => {
    const doc = (await t.http<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs/openapi.json')).body;
    const templates = Object.entries(doc.paths)
      .filter(([path, ops]) => path.includes('{') && 'get' in ops)
      .map(([path]) => path);
    expect(templates.length).toBeGreaterThan(20);
    expect(templates.filter((p) => !EXPECTED[p] && !ELSEWHERE[p])).toEqual([]);
  });

  for (const [template, expectation] of Object.entries(EXPECTED)) {
    it(`GET ${template}: readable by ${expectation.allowed.length === PERSONAS.length ? 'everyone' : expectation.allowed.join(', ')}`, async () => {
      const params = await expectation.params();
      const path = template.replace(/^\/api/, '').replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const persona of PERSONAS) {
        const status = await statusOf(path, tokens[persona]);
        const ok = expectation.also?.[persona] ?? (expectation.allowed.includes(persona) ? 200 : null);
        got[persona] = ok === null ? (status === 403 || status === 404 ? 'refused' : String(status)) : String(status);
        want[persona] = ok === null ? 'refused' : String(ok);
      }
      expect(got).toEqual(want);
    });
  }

  it('answers 401 without a token on every GET route that is not public', async () => {
    const doc = (await t.http<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs/openapi.json')).body;
    const wrong: string[] = [];
    for (const [template, ops] of Object.entries(doc.paths)) {
      if (!ops.get || PUBLIC_GET.has(template)) continue;
      const path = template.replace(/^\/api/, '').replace(/\{\w+\}/g, '1');
      const status = await statusOf(path);
      if (status !== 401) wrong.push(`${template}: ${status}`);
    }
    expect(wrong).toEqual([]);
  });
});
