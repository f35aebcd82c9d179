import Fastify, { type FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { createLogger, registerRequestLog } from './logger';

/** A Fastify instance logging as the server does into `lines`, listening on a free port. */
async function newTestServer() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const fastify = Fastify({ loggerInstance: createLogger('info', sink), disableRequestLogging: true });
  registerRequestLog(fastify as unknown as FastifyInstance);
  fastify.get('/api/files/:token', () => ({ ok: true }));
  fastify.post('/api/things', () => ({ ok: true }));
  const base = await fastify.listen({ port: 0, host: '127.0.0.1' });
  // Fastify logs that it listens; only the request lines are looked at.
  lines.length = 0;
  /** A real request over the socket (the unit project cannot load `inject`'s cookie module). */
  const request = async (method: string, path: string, body?: unknown): Promise<number> => {
    const res = await fetch(`${base}${path}`, {
      method,
      ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    await res.text();
    // The line is written once the answer is sent: let the stream take it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return res.status;
  };
  return { fastify, lines, request };
}

describe('the request log', () => {
  it('writes one line per request when it is answered: method, path, status, time, request id', async () => {
    const { fastify, lines, request } = await newTestServer();
    try {
      expect(await request('POST', '/api/things?idNumber=110101199003077777', { phone: '13800138000' })).toBe(200);
      expect(lines).toHaveLength(1);
      const [line] = lines;
      expect(line).toMatchObject({
        level: 30,
        msg: 'request completed',
        req: { method: 'POST', path: '/api/things' },
        res: { statusCode: 200 },
      });
      expect(line.reqId).toEqual(expect.any(String));
      expect(line.responseTime).toEqual(expect.any(Number));
      // Neither the query string nor the body is written.
      expect(JSON.stringify(line)).not.toMatch(/110101|13800138000/);
    } finally {
      await fastify.close();
    }
  });

  it('keeps a file link\u2019s token out of the log, and logs answers that are errors too', async () => {
    const { fastify, lines, request } = await newTestServer();
    try {
      await request('GET', '/api/files/secret-token-abc');
      await request('GET', '/api/nowhere');
      expect(lines.map((l) => [(l.req as { path: string }).path, (l.res as { statusCode: number }).statusCode])).toEqual([
        ['/api/files/[token]', 200],
        ['/api/nowhere', 404],
      ]);
    } finally {
      await fastify.close();
    }
  });
});
