import { ON_MYSQL, startTestApp, type TestApp } from './harness';

const TOKEN = 'metrics-token-for-the-tests-0123456789';

/** GET /api/metrics: Prometheus' format, behind a token of its own, off without one. */
describe('metrics (e2e over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  const scrape = (authorization?: string) =>
    fetch(`${t.baseUrl}/api/metrics`, { headers: authorization ? { authorization } : {} }).then(async (res) => ({
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text: await res.text(),
    }));

  it('refuses a scrape without the token or with a wrong one, and a user\u2019s sign-in is not the token', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Bearer ${await t.loginAs('county_admin')}`)).status).toBe(401);
  });

  it('answers request latency per route template, the staff queues, the outbox and the process', async () => {
    const worker = await t.newWorker('metrics');
    // A request to a route with an id: counted under its template, never the path with the id.
    expect((await t.http('GET', '/membership/transfers/987654', { token: worker })).status).toBe(404);
    expect((await t.http('GET', '/health')).status).toBe(200);
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(res.text).toMatch(/union_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="2xx"\} [1-9]/);
    expect(res.text).toContain('route="/api/membership/transfers/:id",status="4xx"');
    expect(res.text).not.toContain('987654');
    expect(res.text).toMatch(/union_cases_waiting_for_staff\{case_type="membership_application"\} [1-9]/);
    expect(res.text).toMatch(/^union_outbox_pending \d+$/m);
    expect(res.text).toMatch(/^union_outbox_lag_seconds [\d.e+-]+$/m);
    expect(res.text).toMatch(/^union_outbox_dead \d+$/m);
    expect(res.text).toContain('union_process_cpu_seconds_total');
    // The connection pool of MySQL/MariaDB (the embedded database has none).
    if (ON_MYSQL) {
      expect(res.text).toMatch(/^union_db_pool_connections\{state="idle"\} \d+$/m);
      expect(res.text).toMatch(/^union_db_pool_waiting \d+$/m);
    }
    expect(res.text).toContain('union_nodejs_eventloop_lag_seconds');
  });
});

describe('metrics without a token configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('are off: 404 whatever is sent', async () => {
    expect((await fetch(`${t.baseUrl}/api/metrics`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/metrics`, { headers: { authorization: 'Bearer anything-at-all-long-enough' } })).status).toBe(
      404,
    );
  });
});
