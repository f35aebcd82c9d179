import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { SchemaPipe } from '../src/common/schema';
import { startTestApp, type TestApp } from './harness';

// RouteParamtypes of @nestjs/common: what a handler argument is read from.
const READ_FROM: Record<number, 'body' | 'query' | 'path'> = { 3: 'body', 4: 'query', 5: 'path' };

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown>; items?: unknown } }> }>;
  parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

interface RouteArgument {
  route: string;
  handler: string;
  from: 'body' | 'query' | 'path';
  name: string | undefined;
  schemaPipe: SchemaPipe<never> | undefined;
}

/** Every route of the running app with the arguments its handler reads, from Nest's own metadata. */
function routesOf(t: TestApp): { route: string; handler: string; args: RouteArgument[] }[] {
  const routes: { route: string; handler: string; args: RouteArgument[] }[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const fn = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        if (method === undefined || sub === undefined) continue;
        const path = ['/api', base, sub]
          .filter((x) => x && x !== '/')
          .join('/')
          .replace(/\/+/g, '/')
          .replace(/\/$/, '')
          .replace(/:(\w+)/g, '{$1}');
        const route = `${RequestMethod[method]} ${path}`;
        const handler = `${controller.name}.${name}`;
        const meta = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { data?: unknown; pipes?: unknown[] }
        >;
        const args = Object.entries(meta).flatMap(([key, arg]) => {
          const from = READ_FROM[Number(key.split(':')[0])];
          if (!from) return [];
          const schemaPipe = arg.pipes?.find((p): p is SchemaPipe<never> => p instanceof SchemaPipe);
          return [{ route, handler, from, name: typeof arg.data === 'string' ? arg.data : undefined, schemaPipe }];
        });
        routes.push({ route, handler, args });
      }
    }
  }
  return routes;
}

describe('the API contract: one schema per request, the OpenAPI document from the same schemas', () => {
  let t: TestApp;
  let doc: OpenApi;
  let routes: ReturnType<typeof routesOf>;

  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http<OpenApi>('GET', '/docs/openapi.json')).body;
    routes = routesOf(t);
  });
  afterAll(() => t.close());

  it('finds the routes (the walk over Nest metadata is not empty)', () => {
    expect(routes.length).toBeGreaterThan(150);
    expect(routes.flatMap((r) => r.args).filter((a) => a.from === 'body').length).toBeGreaterThan(60);
  });

  it('describes every route of the app', () => {
    const missing = routes
      .filter(({ route }) => {
        const [method, path] = route.split(' ');
        return !doc.paths[path]?.[method.toLowerCase()];
      })
      .map((r) => r.route);
    expect(missing).toEqual([]);
  });

  it('reads every body, query and path parameter through its schema (nothing reaches a handler unvalidated)', () => {
    const args = routes.flatMap((r) => r.args);
    const unchecked = args.filter((a) => !a.schemaPipe).map((a) => `${a.handler} ${a.from}${a.name ? ` ${a.name}` : ''}`);
    expect(unchecked).toEqual([]);
  });

  it('documents each body, query field and path parameter with the JSON Schema of the same schema', () => {
    const problems: string[] = [];
    for (const { route, args } of routes) {
      const [method, path] = route.split(' ');
      const op = doc.paths[path]?.[method.toLowerCase()];
      if (!op) continue;
      for (const arg of args) {
        if (arg.from === 'body') {
          const schema = op.requestBody?.content?.['application/json']?.schema;
          if (!schema || (schema.type !== 'object' && !schema.anyOf && !schema.oneOf)) problems.push(`${route}: no body schema`);
          else if (schema.type === 'object' && schema.additionalProperties !== false) problems.push(`${route}: body admits unknown fields`);
        }
        if (arg.from === 'path' && arg.name && !op.parameters?.some((p) => p.in === 'path' && p.name === arg.name && p.schema)) {
          problems.push(`${route}: path parameter ${arg.name} undocumented`);
        }
        if (arg.from === 'query' && arg.schemaPipe) {
          const shape = (arg.schemaPipe.schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
          for (const field of Object.keys(shape)) {
            if (!op.parameters?.some((p) => p.in === 'query' && p.name === field))
              problems.push(`${route}: query field ${field} undocumented`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers a body that breaks the schema as the document says: 400 validation_failed with the fields at fault', async () => {
    const worker = await t.newWorker();
    const res = await t.http<{ code: string; details: { field: string; message: string }[] }>('POST', '/membership/applications', {
      token: worker,
      body: {
        realName: '王',
        idNumber: '1',
        phone: '1',
        employerName: '',
        employmentType: 'boss',
        organizationId: 0,
        hideFromEmployer: 'no',
        extra: 1,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const fields = [...new Set(res.body.details.map((d) => d.field))].sort();
    expect(fields).toEqual(
      ['employerName', 'employmentType', 'extra', 'hideFromEmployer', 'idNumber', 'organizationId', 'phone', 'realName'].sort(),
    );
    expect(res.body.details.find((d) => d.field === 'extra')?.message).toBe('不认识的字段');
    expect(res.body.details.every((d) => /[\u4e00-\u9fa5]/.test(d.message))).toBe(true);
  });

  it('refuses a day that does not exist and a path id that is not a whole number', async () => {
    const staff = await t.loginAs('county_cadre');
    const badId = await t.http<{ code: string }>('GET', '/membership/applications/abc', { token: staff });
    expect(badId.status).toBe(400);
    expect(badId.body.code).toBe('validation_failed');
    const { day } = await import('@union/shared');
    expect(day.safeParse('2026-02-30').success).toBe(false);
    expect(day.safeParse('2028-02-29').success).toBe(true);
    expect(day.safeParse('2026-2-3').success).toBe(false);
  });

  it('documents the answers of the case API and the workbench with their schemas', () => {
    const answer = (route: string, status = '200') => {
      const [method, path] = route.split(' ');
      return doc.paths[path]?.[method.toLowerCase()]?.responses?.[status]?.content?.['application/json']?.schema;
    };
    expect(Object.keys(answer('GET /api/cases/{id}')?.properties ?? {})).toEqual(expect.arrayContaining(['state', 'actions', 'history']));
    expect(Object.keys(answer('POST /api/cases/{id}/transitions')?.properties ?? {})).toContain('version');
    expect(Object.keys(answer('POST /api/cases/search')?.properties ?? {})).toEqual(['items', 'nextCursor']);
    expect(Object.keys(answer('GET /api/workbench/queue')?.properties ?? {})).toEqual(['items', 'nextCursor']);
    expect(answer('GET /api/workbench/summary')?.items).toBeDefined();
    expect(Object.keys(answer('GET /api/workbench/assignments')?.properties ?? {})).toEqual(['scoring', 'reviews']);
    // Membership: a created application is described under 201, the card under 200.
    expect(Object.keys(answer('POST /api/membership/applications', '201')?.properties ?? {})).toEqual(
      expect.arrayContaining(['state', 'idNumberMasked', 'actions']),
    );
    expect(Object.keys(answer('GET /api/membership/me')?.properties ?? {})).toContain('cardToken');
    expect(Object.keys(answer('POST /api/membership/transfers', '201')?.properties ?? {})).toContain('toOrganization');
  });
});
