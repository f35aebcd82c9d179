import { performance } from 'node:perf_hooks';

/**
 * A load scenario a county can run against its own deployment (read-only: it changes nothing):
 * LOAD_CONCURRENCY cadres at once, for LOAD_SECONDS, each going round the desk's hot reads — the
 * queues per step, the first page of the queue and the next one, the case search, one case's page,
 * the message centre — and the health check. Prints requests a second and latency per step.
 *
 *   LOAD_URL=https://union.example.cn LOAD_TOKEN=<a cadre's access token> \
 *   LOAD_SECONDS=60 LOAD_CONCURRENCY=20 node -r ./bench/register.cjs bench/load.ts
 *
 * The token is a cadre's (sign in on the web console or the mini-program and copy it; it expires
 * like any access token). Without LOAD_URL the scenario refuses to run.
 */
interface Step {
  name: string;
  path: (state: { cursor: string | null; caseId: number | null }) => string | null;
  /** A read sent as a POST (the case search takes its filters in the body). */
  body?: unknown;
}

const STEPS: Step[] = [
  { name: 'health', path: () => '/api/health' },
  { name: 'queues per step', path: () => '/api/workbench/summary' },
  { name: 'queue, first page', path: () => '/api/workbench/queue?limit=20' },
  { name: 'queue, next page', path: (s) => (s.cursor ? `/api/workbench/queue?limit=20&after=${encodeURIComponent(s.cursor)}` : null) },
  { name: 'case search', path: () => '/api/cases/search', body: { limit: 20 } },
  { name: 'one case', path: (s) => (s.caseId ? `/api/cases/${s.caseId}` : null) },
  { name: 'messages', path: () => '/api/messages?limit=20' },
];

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}

async function main(): Promise<void> {
  const base = process.env.LOAD_URL?.replace(/\/$/, '');
  const token = process.env.LOAD_TOKEN;
  if (!base || !token) throw new Error('set LOAD_URL (the deployment) and LOAD_TOKEN (a cadre’s access token)');
  const seconds = Number(process.env.LOAD_SECONDS ?? 30);
  const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 10);
  const times = new Map<string, number[]>(STEPS.map((s) => [s.name, []]));
  const errors = new Map<string, number>();
  const until = performance.now() + seconds * 1000;
  const headers = { authorization: `Bearer ${token}` };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const state: { cursor: string | null; caseId: number | null } = { cursor: null, caseId: null };
      while (performance.now() < until) {
        for (const step of STEPS) {
          const path = step.path(state);
          if (!path) continue;
          const t0 = performance.now();
          const res = await fetch(
            `${base}${path}`,
            step.body
              ? { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(step.body) }
              : { headers },
          );
          const body = (await res.json().catch(() => null)) as {
            nextCursor?: string | null;
            items?: { caseId?: number; id?: number }[];
          } | null;
          times.get(step.name)?.push(performance.now() - t0);
          if (res.status !== 200) errors.set(`${step.name}: ${res.status}`, (errors.get(`${step.name}: ${res.status}`) ?? 0) + 1);
          if (step.name === 'queue, first page') state.cursor = body?.nextCursor ?? null;
          if (step.name === 'case search') state.caseId = body?.items?.[0]?.caseId ?? body?.items?.[0]?.id ?? null;
        }
      }
    }),
  );
  const total = [...times.values()].reduce((n, t) => n + t.length, 0);
  const lines = [`${base}: ${concurrency} at once for ${seconds} s, ${(total / seconds).toFixed(0)} requests a second`];
  for (const [name, t] of times) {
    const sorted = [...t].sort((a, b) => a - b);
    lines.push(
      `  ${name.padEnd(20)} ${String(t.length).padStart(7)} requests  p50 ${percentile(sorted, 50).toFixed(0).padStart(5)} ms  ` +
        `p95 ${percentile(sorted, 95).toFixed(0).padStart(5)} ms  p99 ${percentile(sorted, 99).toFixed(0).padStart(5)} ms`,
    );
  }
  for (const [what, n] of errors) lines.push(`  ! ${what} × ${n}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (errors.size) process.exitCode = 1;
}

void main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
});
