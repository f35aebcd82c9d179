import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HardshipFileView, TokenPair, UploadLink, UploadView } from '@union/shared';
import sharp from 'sharp';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../src/config/configuration';
import { Upload } from '../src/modules/uploads/entities/upload.entity';
import { aCompetition, aHardshipCase, aMember, aNomination, anEntry } from './factories';
import { ON_MYSQL, queueMismatches, startTestApp, type TestApp } from './harness';
import { bilevelPng } from './png';

/** A JWT signed by hand, to offer the server tokens it must refuse. */
function forgeJwt(secret: string, header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  const alg = String(header.alg);
  if (alg === 'none') return `${input}.`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] ?? 'sha256';
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

describe('hardening (e2e over HTTP)', () => {
  let t: TestApp;
  const jwtSecret = randomBytes(32).toString('base64');
  // An H5 build of its own with an inline script, as Taro writes one into index.html.
  const h5Dir = mkdtempSync(join(tmpdir(), 'union-h5-'));
  const inlineScript = '!function(n){n.documentElement.style.fontSize="20px"}(document);';
  const writeIndex = (script: string) =>
    writeFileSync(
      join(h5Dir, 'index.html'),
      `<!doctype html><html><head><script>${script}</script></head><body><div id="app"></div><script src="/js/app.js"></script></body></html>`,
    );
  const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  beforeAll(async () => {
    writeIndex(inlineScript);
    t = await startTestApp({ JWT_SECRET: jwtSecret, H5_DIR: h5Dir });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  async function workerLogin(): Promise<TokenPair> {
    const res = await t.http<TokenPair>('POST', '/auth/wechat-login', { body: { code: `user-hard-${randomBytes(4).toString('hex')}` } });
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it('accepts its own HS256 access tokens', async () => {
      const pair = await workerLogin();
      expect(JSON.parse(Buffer.from(pair.accessToken.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256' });
      expect((await t.http('GET', '/me', { token: pair.accessToken })).status).toBe(200);
      // The same claims signed by hand with HS256 pass: the refusals below are about alg and exp only.
      const userId = (JSON.parse(Buffer.from(pair.accessToken.split('.')[1], 'base64url').toString()) as { sub: number }).sub;
      const good = forgeJwt(jwtSecret, { alg: 'HS256', typ: 'JWT' }, { sub: userId, typ: 'access', iat: now(), exp: now() + 60 });
      expect((await t.http('GET', '/me', { token: good })).status).toBe(200);
    });

    it('refuses tokens signed with another algorithm, with none, or without exp', async () => {
      const pair = await workerLogin();
      const userId = (JSON.parse(Buffer.from(pair.accessToken.split('.')[1], 'base64url').toString()) as { sub: number }).sub;
      const claims = { sub: userId, typ: 'access', iat: now(), exp: now() + 60 };
      for (const token of [
        forgeJwt(jwtSecret, { alg: 'HS512', typ: 'JWT' }, claims),
        forgeJwt(jwtSecret, { alg: 'HS384', typ: 'JWT' }, claims),
        forgeJwt(jwtSecret, { alg: 'none', typ: 'JWT' }, claims),
        forgeJwt(jwtSecret, { alg: 'HS256', typ: 'JWT' }, { sub: userId, typ: 'access', iat: now() }),
      ]) {
        const res = await t.http('GET', '/me', { token });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'unauthenticated' });
      }
    });

    it('revokes the whole family when a rotated refresh token is used again', async () => {
      const login = await workerLogin();
      const second = await t.http<TokenPair>('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } });
      expect(second.status).toBe(200);
      const third = await t.http<TokenPair>('POST', '/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
      expect(third.status).toBe(200);
      // The first token again (a stolen copy): refused, and the newest token of the family dies with it.
      const replay = await t.http('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } });
      expect({ status: replay.status, code: replay.body.code }).toEqual({ status: 401, code: 'unauthenticated' });
      const afterReplay = await t.http('POST', '/auth/refresh', { body: { refreshToken: third.body.refreshToken } });
      expect(afterReplay.status).toBe(401);
      // Another login of the same kind is a different family and keeps working.
      const other = await workerLogin();
      expect((await t.http('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(200);
    });

    it('logs out: the refresh token and its family are revoked; unknown tokens answer the same', async () => {
      const login = await workerLogin();
      const next = await t.http<TokenPair>('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } });
      expect(next.status).toBe(200);
      const out = await t.http('POST', '/auth/logout', { body: { refreshToken: next.body.refreshToken } });
      expect(out.status).toBe(204);
      expect((await t.http('POST', '/auth/refresh', { body: { refreshToken: next.body.refreshToken } })).status).toBe(401);
      expect((await t.http('POST', '/auth/logout', { body: { refreshToken: 'x'.repeat(43) } })).status).toBe(204);
      expect((await t.http('POST', '/auth/logout', { body: {} })).status).toBe(400);
    });

    (ON_MYSQL ? it : it.skip)(
      'the refresh token family, employer flag place, case subject, case search, rule sets, lawyer copies, hardship file cases, membership cases, notice objections, entry cases, own-list indexes, objection cases, revoked model workers, proposal counters, outbox claim token, statistics indexes, case queue, job runs, closed-cases index, organisation kind index and work calendar days migrations agree with the entities and have a working down (MySQL/MariaDB)',
      async () => {
        const ds = t.app.get(DataSource);
        expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
        // One household file closed with a reason and waiting for its follow-up call, one called.
        for (const call of [false, true]) {
          const { application, staff } = await aHardshipCase(t, { state: 'filed' });
          const closed = await t.http<HardshipFileView>('POST', `/hardship/files/${application.fileId}/recheck`, {
            token: staff.town,
            body: { version: 1, outcome: 'close', closeReason: 'recovered', note: '孩子已工作，家庭收入明显提高' },
          });
          expect(closed.status).toBe(200);
          if (call) {
            const called = await t.http('POST', `/hardship/files/${application.fileId}/recheck`, {
              token: staff.town,
              body: { version: closed.body.version, outcome: 'follow_up', note: '电话回访：一切都好' },
            });
            expect(called.status).toBe(200);
          }
        }
        // Three entries of a contest: one checked in on the day, one withdrawn, one that never came.
        const contest = await aCompetition(t, { state: 'open' });
        const [came, quitter, away] = [
          await anEntry(t, contest.competition),
          await anEntry(t, contest.competition),
          await anEntry(t, contest.competition),
        ];
        expect((await t.http('POST', `/competitions/entries/${quitter.entry.id}/withdraw`, { token: quitter.token })).status).toBe(200);
        const closed = await t.step(`/competitions/${contest.competition.id}`, {
          token: contest.organiser,
          body: { action: 'close_registration', version: contest.competition.version },
        });
        expect(closed.status).toBe(200);
        const scanned = await t.http('POST', `/competitions/${contest.competition.id}/check-in`, {
          token: contest.organiser,
          body: { code: came.entry.checkInCode },
        });
        expect(scanned.status).toBe(200);
        expect(away.entry.status).toBe('registered');
        // A nomination on public notice (the seed's competitions have had theirs, the hardship cases too).
        await aNomination(t, { state: 'public_notice' });
        // Two objections to a hardship notice: one answered, one still open.
        const noticed = await aHardshipCase(t, { state: 'public_notice' });
        const noticeId = noticed.application.publicNotice?.id as number;
        for (const content of ['他家有两套住房', '他家开了一家超市']) {
          const raised = await t.http('POST', `/hardship/notices/${noticeId}/objections`, {
            token: await t.newWorker('objector'),
            body: { channel: 'online', content },
          });
          expect(raised.status).toBe(201);
        }
        const [firstObjection] = (await ds.query('SELECT id FROM notice_objections WHERE notice_case_id = ? ORDER BY id LIMIT 1', [
          noticed.application.caseId,
        ])) as { id: number }[];
        const answered = await t.http('POST', `/hardship/objections/${firstObjection.id}/resolve`, {
          token: noticed.staff.grassroots,
          body: { resolution: '经核实第二套住房已出售。', upheld: false },
        });
        expect(answered.status).toBe(200);
        // A member who left the union.
        const leaver = await aMember(t);
        expect((await t.http('POST', '/membership/withdraw', { token: leaver.token, body: { reason: '退休' } })).status).toBe(204);
        // A model worker whose title was revoked.
        const honoured = await aNomination(t, { kind: 'model_worker', state: 'awarded' });
        const revokedStep = await t.step(`/honours/nominations/${honoured.nomination.id}`, {
          token: honoured.county,
          body: { action: 'revoke', version: honoured.nomination.version, comment: '经查事迹材料存在虚报' },
        });
        expect(revokedStep.status).toBe(200);
        // The migrations since AddRefreshTokenFamilies: each down really undoes it, and up runs again
        // on rows that exist (backfilled). Newest first.
        const columnsOf = async (table: string) =>
          ((await ds.query(`SHOW COLUMNS FROM ${table}`)) as { Field: string }[]).map((c) => c.Field);
        const subjectsBefore = (await ds.query(
          "SELECT id, subject_type AS t, subject_id AS s FROM workflow_cases WHERE case_type NOT IN ('hardship_file', 'membership', 'competition_entry', 'hardship_objection', 'competition_objection', 'nomination_objection') ORDER BY id",
        )) as {
          id: number;
          t: string;
          s: number | null;
        }[];
        const searchBefore = (await ds.query(
          "SELECT id, applicant_name_masked AS n, applicant_id_index AS x FROM workflow_cases WHERE case_type = 'membership_application' ORDER BY id",
        )) as { id: number; n: string; x: string | null }[];
        const ruleSetsBefore = (await ds.query(
          'SELECT id, kind, version, year, effective_from AS f, rules FROM rule_sets ORDER BY kind, version',
        )) as Record<string, unknown>[];
        const lawyersBefore = (await ds.query(
          "SELECT c.id, c.assignee_user_id AS a, c.closed_at AS closed FROM workflow_cases c WHERE c.case_type IN ('legal_aid_application', 'legal_thread') ORDER BY c.id",
        )) as Record<string, unknown>[];
        // Each file's case as a worker and a cadre see it: its state, version, due instant and steps.
        const fileCases = async () =>
          (
            (await ds.query(
              "SELECT f.id AS file, c.state AS state, c.version AS version, c.due_at AS due, c.holder AS holder, (SELECT GROUP_CONCAT(CONCAT(h.action, ':', COALESCE(h.comment, '')) ORDER BY h.id SEPARATOR '|') FROM case_history h WHERE h.case_id = c.id) AS steps FROM hardship_files f JOIN workflow_cases c ON c.id = f.case_id AND c.subject_id = f.id ORDER BY f.id",
            )) as Record<string, unknown>[]
          ).map((r): Record<string, unknown> => ({ ...r, version: Number(r.version) }));
        // Every objection by the case on notice: since AddObjectionCases, open or answered is its own case's state.
        const objections = async () =>
          (
            (await ds.query(
              (await columnsOf('notice_objections')).includes('notice_case_id')
                ? "SELECT o.notice_case_id AS kase, o.item_id AS item, o.content, IF(c.state = 'open', 'open', 'resolved') AS status, o.resolution, o.received_at AS at FROM notice_objections o JOIN workflow_cases c ON c.id = o.case_id ORDER BY o.notice_case_id, o.received_at, o.content"
                : 'SELECT case_id AS kase, item_id AS item, content, status, resolution, received_at AS at FROM notice_objections ORDER BY case_id, received_at, content',
            )) as Record<string, unknown>[]
          ).map((r): Record<string, unknown> => ({ ...r, kase: Number(r.kase) }));
        // Each objection's case, by the objection: its state, when it ended and its steps.
        const objectionCases = async () =>
          (await ds.query(
            'SELECT o.id AS objection, c.case_type AS type, c.state, c.closed_at AS closed, (SELECT GROUP_CONCAT(h.action ORDER BY h.id) FROM case_history h WHERE h.case_id = c.id) AS steps FROM notice_objections o JOIN workflow_cases c ON c.id = o.case_id AND c.subject_id = o.id ORDER BY o.id',
          )) as Record<string, unknown>[];
        const entryCases = async () =>
          (
            (await ds.query(
              "SELECT e.id AS entry, e.status AS status, c.state AS state, c.closed_at AS closed, (SELECT GROUP_CONCAT(h.action ORDER BY h.id) FROM case_history h WHERE h.case_id = c.id) AS steps FROM competition_entries e JOIN workflow_cases c ON c.id = e.case_id AND c.subject_id = e.id AND c.case_type = 'competition_entry' ORDER BY e.id",
            )) as Record<string, unknown>[]
          )
            // The old table kept no time of withdrawal: after the round trip it is the time of registering.
            .map((r): Record<string, unknown> => ({
              ...r,
              entry: Number(r.entry),
              closed: r.state === 'withdrawn' ? 'withdrawn' : r.closed,
            }));
        // Every public notice (the hardship ones with their text, competitions' and nominations' periods).
        const publicNotices = async () =>
          (
            (await ds.query(
              'SELECT case_id AS kase, case_type AS type, starts_at AS starts, ends_at AS ends, content FROM public_notices ORDER BY case_id',
            )) as Record<string, unknown>[]
          )
            // Competitions and nominations kept only the end: their start comes back from the step that started them.
            .map((r): Record<string, unknown> => ({
              ...r,
              kase: Number(r.kase),
              starts: r.type === 'hardship_application' ? r.starts : 'from the step',
            }));
        const noticesBefore = await publicNotices();
        expect(new Set(noticesBefore.map((n) => n.type))).toEqual(new Set(['hardship_application', 'competition', 'honour_nomination']));
        const indexesOf = async (table: string) =>
          ((await ds.query(`SHOW INDEX FROM \`${table}\``)) as { Key_name: string }[]).map((r) => r.Key_name);
        const objectionsNow = await objections();
        const objectionCasesBefore = await objectionCases();
        expect(objectionCasesBefore.map((o) => o.state)).toEqual(expect.arrayContaining(['open', 'resolved']));
        const tablesNow = async () => ((await ds.query('SHOW TABLES')) as Record<string, string>[]).map((r) => Object.values(r)[0]);
        expect(await tablesNow()).toContain('proposal_counters');
        expect(await tablesNow()).toContain('work_calendar_days');
        await ds.undoLastMigration({ transaction: 'each' }); // AddWorkCalendarDays
        expect(await tablesNow()).not.toContain('work_calendar_days');
        expect(await indexesOf('organizations')).toContain('idx_organizations_kind');
        await ds.undoLastMigration({ transaction: 'each' }); // AddOrganizationKindIndex
        expect(await indexesOf('organizations')).not.toContain('idx_organizations_kind');
        expect(await indexesOf('workflow_cases')).toContain('idx_cases_type_closed');
        await ds.undoLastMigration({ transaction: 'each' }); // AddClosedStatisticsIndex
        expect(await indexesOf('workflow_cases')).not.toContain('idx_cases_type_closed');
        expect(await tablesNow()).toContain('job_runs');
        await ds.undoLastMigration({ transaction: 'each' }); // AddJobRuns
        expect(await tablesNow()).not.toContain('job_runs');
        expect(await queueMismatches(ds)).toEqual([]);
        const [queued] = (await ds.query('SELECT COUNT(*) AS n FROM case_queue')) as { n: string }[];
        expect(Number(queued.n)).toBeGreaterThan(0);
        await ds.undoLastMigration({ transaction: 'each' }); // AddCaseQueue
        expect(await tablesNow()).not.toContain('case_queue');
        await ds.undoLastMigration({ transaction: 'each' }); // AddStatisticsIndexes
        expect(await indexesOf('workflow_cases')).not.toContain('idx_cases_type_submitted');
        expect(await indexesOf('case_history')).not.toContain('idx_case_history_action');
        await ds.undoLastMigration({ transaction: 'each' }); // AddOutboxClaimToken
        expect(await columnsOf('outbox')).not.toContain('claim_token');
        await ds.undoLastMigration({ transaction: 'each' }); // AddProposalCounters
        expect(await tablesNow()).not.toContain('proposal_counters');
        const revokedWorkers = async () =>
          (await ds.query(
            "SELECT w.id, w.revoked_reason AS reason, w.revoked_at IS NOT NULL AS marked FROM model_workers w JOIN honour_nominations n ON n.id = w.nomination_id JOIN workflow_cases c ON c.id = n.case_id WHERE c.state = 'revoked' ORDER BY w.id",
          )) as Record<string, unknown>[];
        const revokedBefore = await revokedWorkers();
        expect(revokedBefore).toEqual(expect.arrayContaining([expect.objectContaining({ reason: '经查事迹材料存在虚报' })]));
        expect(revokedBefore.every((w) => Number(w.marked) === 1)).toBe(true);
        await ds.undoLastMigration({ transaction: 'each' }); // MarkRevokedModelWorkers
        expect(await columnsOf('model_workers')).not.toContain('revoked_at');
        await ds.undoLastMigration({ transaction: 'each' }); // AddObjectionCases
        expect(await columnsOf('notice_objections')).toEqual(expect.arrayContaining(['status', 'resolved_at']));
        expect(await columnsOf('notice_objections')).not.toContain('notice_case_id');
        expect(await objections()).toEqual(objectionsNow);
        const [objectionCasesLeft] = (await ds.query(
          "SELECT COUNT(*) AS n FROM workflow_cases WHERE case_type IN ('hardship_objection', 'competition_objection', 'nomination_objection')",
        )) as { n: string }[];
        expect(Number(objectionCasesLeft.n)).toBe(0);
        await ds.undoLastMigration({ transaction: 'each' }); // AddOwnListIndexes
        expect(await indexesOf('legal_threads')).toContain('idx_legal_threads_applicant');
        expect(await indexesOf('legal_threads')).not.toContain('idx_legal_threads_applicant_last');
        expect(await indexesOf('hardship_grant_applications')).not.toContain('idx_grant_applications_applicant');
        expect(await indexesOf('hardship_assistance_records')).not.toContain('idx_assistance_campaign');
        await ds.undoLastMigration({ transaction: 'each' }); // MovePublicNotices
        expect(await columnsOf('competitions')).toContain('notice_ends_at');
        expect(await columnsOf('honour_nominations')).toContain('notice_ends_at');
        const [kept] = (await ds.query(
          'SELECT (SELECT COUNT(*) FROM hardship_public_notices) AS hardship, (SELECT COUNT(*) FROM competitions WHERE notice_ends_at IS NOT NULL) + (SELECT COUNT(*) FROM honour_nominations WHERE notice_ends_at IS NOT NULL) AS others',
        )) as { hardship: string; others: string }[];
        expect(Number(kept.hardship)).toBe(noticesBefore.filter((n) => n.type === 'hardship_application').length);
        expect(Number(kept.others)).toBe(noticesBefore.filter((n) => n.type !== 'hardship_application').length);
        const entriesBefore = await entryCases();
        await ds.undoLastMigration({ transaction: 'each' }); // AddEntryCases
        expect(await columnsOf('competition_entries')).toContain('checked_in_at');
        const objectionsBefore = await objections();
        await ds.undoLastMigration({ transaction: 'each' }); // MoveObjectionsToNotices
        const [old] = (await ds.query(
          'SELECT (SELECT COUNT(*) FROM hardship_notice_objections) + (SELECT COUNT(*) FROM competition_objections) + (SELECT COUNT(*) FROM nomination_objections) AS n',
        )) as { n: string }[];
        expect(Number(old.n)).toBe(objectionsBefore.length);
        const filesBefore = await fileCases();
        const memberships = async () =>
          (
            (await ds.query(
              "SELECT m.id AS member, m.status AS status, c.state AS state, c.organization_id AS org, c.closed_at AS closed, (SELECT GROUP_CONCAT(h.action ORDER BY h.id) FROM case_history h WHERE h.case_id = c.id) AS steps FROM members m JOIN workflow_cases c ON c.id = m.case_id AND c.subject_id = m.id AND c.case_type = 'membership' ORDER BY m.id",
            )) as Record<string, unknown>[]
          ).map((r): Record<string, unknown> => ({ ...r, org: Number(r.org) }));
        const membersBefore = await memberships();
        await ds.undoLastMigration({ transaction: 'each' }); // AddMembershipCases
        expect(await columnsOf('members')).toContain('withdrawn_at');
        const [left] = (await ds.query("SELECT COUNT(*) AS n FROM members WHERE status = 'withdrawn' AND withdrawn_at IS NOT NULL")) as {
          n: string;
        }[];
        expect(Number(left.n)).toBe(membersBefore.filter((m) => m.state === 'withdrawn').length);
        await ds.undoLastMigration({ transaction: 'each' }); // AddHardshipFileCases
        expect(await columnsOf('hardship_files')).toEqual(expect.arrayContaining(['status', 'recheck_due_at', 'follow_up_due_at']));
        const [events] = (await ds.query('SELECT COUNT(*) AS n FROM hardship_file_events')) as { n: string }[];
        expect(Number(events.n)).toBe(filesBefore.reduce((n, f) => n + String(f.steps).split('|').length - 1, 0));
        await ds.undoLastMigration({ transaction: 'each' }); // DropLawyerCopies
        const copies = (await ds.query(
          'SELECT d.lawyer_user_id AS l, d.lawyer_name AS n, c.assignee_user_id AS a FROM legal_aid_applications d JOIN workflow_cases c ON c.id = d.case_id WHERE c.assignee_user_id IS NOT NULL',
        )) as { l: number; n: string | null; a: number }[];
        expect(copies.length).toBeGreaterThan(0);
        expect(copies.every((r) => r.l === r.a && !!r.n)).toBe(true);
        await ds.undoLastMigration({ transaction: 'each' }); // AddRuleSets
        expect(Number(((await ds.query('SELECT COUNT(*) AS n FROM hardship_rule_sets')) as { n: string }[])[0].n)).toBe(
          ruleSetsBefore.filter((r) => r.kind === 'hardship').length,
        );
        await ds.undoLastMigration({ transaction: 'each' }); // AddCaseSearch
        expect(await columnsOf('workflow_cases')).not.toContain('applicant_name_masked');
        await ds.undoLastMigration({ transaction: 'each' }); // AddCaseSubject
        expect(await columnsOf('workflow_cases')).not.toContain('subject_id');
        await ds.undoLastMigration({ transaction: 'each' }); // AddEmployerFlagPlace
        expect(await columnsOf('employer_flags')).not.toContain('organization_path');
        await ds.undoLastMigration({ transaction: 'each' }); // AddRefreshTokenFamilies
        expect(await columnsOf('refresh_tokens')).not.toContain('family_id');
        await ds.runMigrations({ transaction: 'each' });
        expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
        // The staff's queues are filled again from the cases waiting (the cases the downs and ups reopened included).
        expect(await queueMismatches(ds)).toEqual([]);
        const [row] = (await ds.query('SELECT COUNT(*) AS n FROM refresh_tokens WHERE family_id LIKE ?', ['legacy-%'])) as { n: string }[];
        expect(Number(row.n)).toBeGreaterThan(0);
        // Flags from before belong to the root organisation (the county).
        const flags = (await ds.query(
          'SELECT DISTINCT f.organization_path AS p, o.parent_id AS parent FROM employer_flags f LEFT JOIN organizations o ON o.path = f.organization_path',
        )) as { p: string; parent: number | null }[];
        expect(flags.length).toBeGreaterThan(0);
        expect(flags.every((f) => f.parent === null && f.p.startsWith('/'))).toBe(true);
        // Every case finds its domain row again from the domain table's case_id, as the service wrote it.
        const subjectsAfter = (await ds.query(
          "SELECT id, subject_type AS t, subject_id AS s FROM workflow_cases WHERE case_type NOT IN ('hardship_file', 'membership', 'competition_entry', 'hardship_objection', 'competition_objection', 'nomination_objection') ORDER BY id",
        )) as typeof subjectsBefore;
        expect(subjectsBefore.length).toBeGreaterThan(0);
        expect(subjectsBefore.every((c) => c.s !== null)).toBe(true);
        expect(subjectsAfter.map((c) => [c.id, c.t, Number(c.s)])).toEqual(subjectsBefore.map((c) => [c.id, c.t, Number(c.s)]));
        // Membership applications get back their masked name and ID index; every case a masked name.
        const searchAfter = (await ds.query(
          "SELECT id, applicant_name_masked AS n, applicant_id_index AS x FROM workflow_cases WHERE case_type = 'membership_application' ORDER BY id",
        )) as typeof searchBefore;
        expect(searchBefore.length).toBeGreaterThan(0);
        expect(searchAfter).toEqual(searchBefore);
        const [unnamed] = (await ds.query("SELECT COUNT(*) AS n FROM workflow_cases WHERE applicant_name_masked = ''")) as { n: string }[];
        expect(Number(unnamed.n)).toBe(0);
        // Every rule version is back with the same number, rules and (for hardship) the same id.
        const ruleSetsAfter = (await ds.query(
          'SELECT id, kind, version, year, effective_from AS f, rules FROM rule_sets ORDER BY kind, version',
        )) as Record<string, unknown>[];
        expect(ruleSetsBefore.length).toBeGreaterThan(0);
        const comparable = (rows: Record<string, unknown>[]) =>
          rows.map((r) => ({ ...r, id: r.kind === 'hardship' ? Number(r.id) : null, version: Number(r.version) }));
        expect(comparable(ruleSetsAfter)).toEqual(comparable(ruleSetsBefore));
        // The cases keep their lawyers and closing times through the copies' round trip.
        const lawyersAfter = (await ds.query(
          "SELECT c.id, c.assignee_user_id AS a, c.closed_at AS closed FROM workflow_cases c WHERE c.case_type IN ('legal_aid_application', 'legal_thread') ORDER BY c.id",
        )) as Record<string, unknown>[];
        expect(lawyersBefore.length).toBeGreaterThan(0);
        expect(lawyersAfter).toEqual(lawyersBefore);
        // Every household file has its case again, in the same state with the same steps.
        expect(filesBefore.length).toBeGreaterThan(0);
        expect(filesBefore.map((f) => f.state)).toEqual(expect.arrayContaining(['active', 'exited', 'closed']));
        expect(await fileCases()).toEqual(filesBefore);
        // Every competition entry has its case again, in the same state with the same steps.
        expect(entriesBefore.length).toBeGreaterThan(0);
        expect(entriesBefore.map((e) => e.state)).toEqual(expect.arrayContaining(['registered', 'checked_in', 'withdrawn']));
        expect(await entryCases()).toEqual(entriesBefore);
        // Every public notice is back on its case, with the same period (and text).
        expect(await publicNotices()).toEqual(noticesBefore);
        // Every objection is back on the case it was raised against, answered as it was.
        expect(objectionsBefore.length).toBeGreaterThan(0);
        expect(await objections()).toEqual(objectionsBefore);
        // …each with its case again, in the same state, ended when it was answered, with the same steps.
        expect(await objectionCases()).toEqual(objectionCasesBefore);
        // Every member has their membership's case again, with the same state, place and steps.
        expect(membersBefore.length).toBeGreaterThan(0);
        expect(await memberships()).toEqual(membersBefore);
        // The model workers of revoked nominations are marked revoked again, with the reason.
        expect(await revokedWorkers()).toEqual(revokedBefore);
      },
    );
  });

  describe('security headers', () => {
    function directives(csp: string | null): Record<string, string[]> {
      return Object.fromEntries(
        (csp ?? '')
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name, values]),
      );
    }

    it('serves the H5 pages with a CSP that allows their own inline script only, and no framing', async () => {
      const page = await fetch(`${t.baseUrl}/`);
      expect(page.status).toBe(200);
      const csp = directives(page.headers.get('content-security-policy'));
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'", sha256(inlineScript)]);
      expect(csp['script-src']).not.toContain("'unsafe-inline'");
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      // A rebuild with another inline script is served with its hash, without a restart.
      const rebuilt = 'document.title="rebuilt";';
      writeIndex(rebuilt);
      const again = directives((await fetch(`${t.baseUrl}/index.html`)).headers.get('content-security-policy'));
      expect(again['script-src']).toEqual(["'self'", sha256(rebuilt)]);
    });

    it('sends the same headers and Cache-Control: no-store on API answers, errors included', async () => {
      const pair = await workerLogin();
      for (const res of [
        await fetch(`${t.baseUrl}/api/me`, { headers: { authorization: `Bearer ${pair.accessToken}` } }),
        await fetch(`${t.baseUrl}/api/me`),
        await fetch(`${t.baseUrl}/api/health`),
        await fetch(`${t.baseUrl}/api/no-such-route`),
      ]) {
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(directives(res.headers.get('content-security-policy'))['frame-ancestors']).toEqual(["'none'"]);
      }
    });
  });

  describe('input', () => {
    const nested = (levels: number) => `{"code":${'['.repeat(levels)}${']'.repeat(levels)}}`;

    it('refuses JSON nested deeper than 64 levels with 400, signed in or not, instead of crashing', async () => {
      for (const levels of [65, 50_000]) {
        const res = await t.http('POST', '/auth/wechat-login', { raw: nested(levels) });
        expect({ levels, status: res.status, code: res.body.code }).toEqual({ levels, status: 400, code: 'validation_failed' });
      }
      const token = (await workerLogin()).accessToken;
      const before = await t.count('membership_applications');
      const deep = await t.http('POST', '/membership/applications', {
        token,
        raw: `{"realName":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
      });
      expect({ status: deep.status, code: deep.body.code }).toEqual({ status: 400, code: 'validation_failed' });
      expect(await t.count('membership_applications')).toBe(before);
      // Brackets inside strings are text, not nesting; 64 levels are parsed (and then validated as usual).
      const text = await t.http('POST', '/auth/wechat-login', { raw: JSON.stringify({ code: `user-${'['.repeat(100)}` }) });
      expect(text.status).not.toBe(500);
      expect((await t.http('POST', '/auth/wechat-login', { raw: nested(64) })).body.code).toBe('validation_failed');
      // Prototype poisoning is still refused by the parser.
      expect((await t.http('POST', '/auth/wechat-login', { raw: '{"code":"user-x","__proto__":{"admin":true}}' })).status).toBe(400);
    });

    it('answers 413 payload_too_large for a body over BODY_LIMIT_BYTES', async () => {
      const res = await t.http('POST', '/auth/wechat-login', { raw: JSON.stringify({ code: 'x'.repeat(2 * 1024 * 1024) }) });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 413, code: 'payload_too_large' });
    });
  });

  describe('uploads', () => {
    async function upload(
      token: string,
      bytes: Buffer,
      type: string,
    ): Promise<{ status: number; body: UploadView & { code?: string; message?: string } }> {
      const form = new FormData();
      form.append('purpose', 'id_card');
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'file');
      const res = await fetch(`${t.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      return { status: res.status, body: (await res.json()) as never };
    }

    it('refuses a 64-megapixel PNG before decoding it, with a clear message', async () => {
      const token = await t.newWorker('pixels');
      const before = await t.count('uploads');
      const res = await upload(token, bilevelPng(8000, 8000), 'image/png');
      expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({
        status: 400,
        code: 'file_too_large',
        message: '图片像素太多（最多 4000 万像素），请调低相机分辨率或截图后再上传',
      });
      expect(await t.count('uploads')).toBe(before);
    });

    it('refuses PDFs that submit forms, open other files or link to local files', async () => {
      const token = await t.newWorker('pdfs');
      const pdf = (action: string) =>
        Buffer.from(
          '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
            `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n4 0 obj ${action} endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
          'latin1',
        );
      for (const action of [
        '<< /S /SubmitForm /F (https://x.example/) >>',
        '<< /S /GoToR /F (a.pdf) >>',
        '<< /S /ImportData /F (a.fdf) >>',
        '<< /S /URI /URI (file:///etc/passwd) >>',
      ]) {
        const res = await upload(token, pdf(action), 'application/pdf');
        expect({ action, status: res.status, code: res.body.code }).toEqual({ action, status: 400, code: 'file_type_not_allowed' });
      }
      expect((await upload(token, pdf('<< /S /URI /URI (https://www.gov.cn/) >>'), 'application/pdf')).status).toBe(201);
    });

    it('keeps files encrypted at rest and serves them decrypted; files stored before are still served', async () => {
      const token = await t.newWorker('rest');
      const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 200, b: 30 } } })
        .jpeg()
        .toBuffer();
      const res = await upload(token, photo, 'image/jpeg');
      expect(res.status).toBe(201);
      const row = await t.app.get(DataSource).getRepository(Upload).findOneByOrFail({ id: res.body.id });
      const path = join(t.app.get<AppConfig>(APP_CONFIG).uploads.dir, row.storageKey);
      const onDisk = readFileSync(path);
      expect(onDisk.subarray(0, 4).toString('latin1')).toBe('UEF1');
      expect(onDisk.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);

      const serve = async () => {
        const link = await t.http<UploadLink>('GET', `/uploads/${res.body.id}/link`, { token });
        const file = await fetch(`${t.baseUrl}${link.body.url}`);
        return { status: file.status, bytes: Buffer.from(await file.arrayBuffer()) };
      };
      const served = await serve();
      expect(served.status).toBe(200);
      expect(served.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(createHash('sha256').update(served.bytes).digest('hex')).toBe(row.sha256);
      expect(served.bytes.length).toBe(row.size);

      // A file written before encryption at rest (plaintext on disk) is served as it is.
      writeFileSync(path, served.bytes);
      const legacy = await serve();
      expect(legacy.status).toBe(200);
      expect(legacy.bytes.equals(served.bytes)).toBe(true);
    });
  });

  describe('outside the demo', () => {
    let p: TestApp;
    // MySQL: the app reaches the database through a proxy this test can cut.
    let proxy: { port: number; cut: () => Promise<void>; restore: () => Promise<void>; close: () => Promise<void> } | null = null;
    let dropDatabase: (() => Promise<void>) | null = null;

    async function startProxy(target: { host: string; port: number }): Promise<NonNullable<typeof proxy>> {
      const sockets = new Set<Socket>();
      let server: Server;
      const listen = (port: number) =>
        new Promise<number>((resolve) => {
          server = createServer((client) => {
            const upstream = connect(target.port, target.host);
            for (const s of [client, upstream]) {
              sockets.add(s);
              s.on('error', () => undefined);
              s.on('close', () => sockets.delete(s));
            }
            client.pipe(upstream).pipe(client);
          });
          server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
        });
      const port = await listen(0);
      const cut = async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const s of sockets) s.destroy();
        });
      };
      return { port, cut, restore: async () => void (await listen(port)), close: cut };
    }

    beforeAll(async () => {
      const env: Record<string, string> = { DEMO_MODE: 'false' };
      if (ON_MYSQL) {
        const mysql = await import('mysql2/promise');
        const base = new URL(process.env.DATABASE_URL as string);
        const name = `union_e2e_down_${process.pid}_${randomBytes(3).toString('hex')}`;
        const admin = await mysql.createConnection({ uri: base.toString() });
        await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
        await admin.end();
        dropDatabase = async () => {
          const c = await mysql.createConnection({ uri: base.toString() });
          await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
          await c.end();
        };
        proxy = await startProxy({ host: base.hostname, port: Number(base.port || 3306) });
        const url = new URL(base.toString());
        url.host = `127.0.0.1:${proxy.port}`;
        url.pathname = `/${name}`;
        env.DATABASE_URL = url.toString();
      }
      p = await startTestApp(env);
    });
    afterAll(async () => {
      await p?.close();
      await proxy?.close();
      await dropDatabase?.();
    });

    it('does not publish the API docs unless API_DOCS=true', async () => {
      expect((await fetch(`${p.baseUrl}/api/docs/openapi.json`)).status).toBe(404);
      expect((await fetch(`${p.baseUrl}/api/docs`)).status).toBe(404);
    });

    it('answers 503 service_unavailable while the database is down, and works again when it is back', async () => {
      const login = () => p.http('POST', '/auth/wechat-login', { body: { code: `user-down-${randomBytes(4).toString('hex')}` } });
      expect((await login()).status).toBe(200);
      if (proxy) {
        await proxy.cut();
        const res = await login();
        expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({
          status: 503,
          code: 'service_unavailable',
          message: '服务暂时不可用，请稍后再试',
        });
        await proxy.restore();
        let back = await login();
        for (let i = 0; i < 20 && back.status !== 200; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          back = await login();
        }
        expect(back.status).toBe(200);
      } else {
        // The embedded database cannot go away: make its connections fail as mysql2's do (the MySQL run cuts a real one).
        const ds = p.app.get(DataSource);
        const down = jest.spyOn(ds, 'createQueryRunner').mockImplementation(() => {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', fatal: true });
        });
        const res = await login();
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'service_unavailable' });
        down.mockRestore();
        expect((await login()).status).toBe(200);
      }
    });
  });

  describe('rate limits', () => {
    const limited = { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_REFRESH: '2', RATE_LIMIT_REDEEM: '2', RATE_LIMIT_SELF_TEST: '2' };
    let r: TestApp;
    beforeAll(async () => {
      r = await startTestApp(limited);
    });
    afterAll(async () => {
      await r?.close();
    });

    function expectRefused(res: { status: number; body: Record<string, unknown> }): void {
      expect({ status: res.status, body: res.body }).toEqual({
        status: 429,
        body: expect.objectContaining({ code: 'rate_limited', message: '操作太频繁，请稍后再试' }),
      });
    }

    it('limits logins, refreshes, invitation redeems and the hardship self-test per client, each on its own', async () => {
      const token = await r.loginAs('worker'); // demo login 1 of 3
      for (let i = 0; i < 3; i += 1) {
        expect((await r.http('POST', '/auth/wechat-login', { body: { code: `user-rl-${i}` } })).status).toBe(200);
      }
      const refused = await fetch(`${r.baseUrl}/api/auth/wechat-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'user-rl-4' }),
      });
      expectRefused({ status: refused.status, body: (await refused.json()) as Record<string, unknown> });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Demo login counts apart from the WeChat login.
      expect((await r.http('POST', '/auth/demo-login', { body: { persona: 'worker' } })).status).toBe(200);
      expect((await r.http('POST', '/auth/demo-login', { body: { persona: 'worker' } })).status).toBe(200);
      expectRefused(await r.http('POST', '/auth/demo-login', { body: { persona: 'worker' } }));
      // Refused calls count too: guessing is what the limit is for.
      for (let i = 0; i < 2; i += 1) {
        expect((await r.http('POST', '/auth/refresh', { body: { refreshToken: 'g'.repeat(43) } })).status).toBe(401);
      }
      expectRefused(await r.http('POST', '/auth/refresh', { body: { refreshToken: 'g'.repeat(43) } }));
      for (let i = 0; i < 2; i += 1) {
        expect((await r.http('POST', '/auth/invitations/redeem', { token, body: { code: `GUESS${i}` } })).body.code).toBe(
          'invitation_invalid',
        );
      }
      expectRefused(await r.http('POST', '/auth/invitations/redeem', { token, body: { code: 'GUESS9' } }));
      for (let i = 0; i < 2; i += 1) {
        expect((await r.http('POST', '/hardship/self-test', { body: {} })).status).toBe(400);
      }
      expectRefused(await r.http('POST', '/hardship/self-test', { body: {} }));
      // Everything else is not limited.
      for (let i = 0; i < 5; i += 1) expect((await r.http('GET', '/me', { token })).status).toBe(200);
    });

    it('shares the counters between instances through Redis when REDIS_URL is set', async () => {
      const url = 'redis://127.0.0.1:6379';
      const probe = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      const up = await probe.connect().then(
        () => true,
        () => false,
      );
      if (!up) {
        console.warn('Redis is not running at 127.0.0.1:6379: the shared rate limit test is skipped');
        return;
      }
      const stale = await probe.keys('union-rate-limit-*');
      if (stale.length) await probe.del(...stale);
      const a = await startTestApp({ ...limited, REDIS_URL: url });
      const b = await startTestApp({ ...limited, REDIS_URL: url });
      try {
        const body = { persona: 'worker' };
        expect((await a.http('POST', '/auth/demo-login', { body })).status).toBe(200);
        expect((await b.http('POST', '/auth/demo-login', { body })).status).toBe(200);
        expect((await a.http('POST', '/auth/demo-login', { body })).status).toBe(200);
        expectRefused(await b.http('POST', '/auth/demo-login', { body }));
        expectRefused(await a.http('POST', '/auth/demo-login', { body }));
        expect((await probe.keys('union-rate-limit-*')).length).toBeGreaterThan(0);
      } finally {
        await a.close();
        await b.close();
        const keys = await probe.keys('union-rate-limit-*');
        if (keys.length) await probe.del(...keys);
        await probe.quit();
      }
    });
  });
});
