import 'reflect-metadata';
import { RequestMethod, type DynamicModule, type ForwardReference, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AppModule } from '../app.module';
import type { AppConfig } from '../config/configuration';
import { declaredAnswer } from './schema';

/**
 * Routes that answer no JSON, so no schema can describe them, each with the reason. A route listed
 * here that is gone, or that has an @Answers after all, fails the test (the list stays true).
 */
const EXEMPT: Record<string, string> = {
  'GET /api/files/:token': 'the bytes of an uploaded file (JPEG or PDF) behind a signed link',
  'GET /api/competitions/entries/:entryId/certificate': 'the certificate as a PNG image',
  'DELETE /api/competitions/employer-flags/:id': '204: no content',
  'DELETE /api/legal/lawyers/:id/exceptions/:exceptionId': '204: no content',
  'POST /api/auth/logout': '204: no content',
  'POST /api/messages/:id/read': '204: no content',
  'POST /api/membership/withdraw': '204: no content',
  'DELETE /api/hardship/draft': '204: no content',
  'DELETE /api/calendar/days/:date': '204: no content',
  'GET /api/metrics': "Prometheus' text format, for the scraper, behind its own token",
};

type ModuleEntry = Type | DynamicModule | ForwardReference | Promise<DynamicModule> | undefined;

/** Every controller of the app: the module graph of AppModule walked through its metadata, nothing booted. */
function controllersOf(root: DynamicModule): Type[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Type>();
  const visit = (entry: ModuleEntry): void => {
    if (!entry || entry instanceof Promise) return;
    if ('forwardRef' in entry) return visit(entry.forwardRef() as ModuleEntry);
    const dynamic = 'module' in entry ? entry : undefined;
    const type = dynamic ? dynamic.module : (entry as Type);
    const key = dynamic ?? type;
    if (seen.has(key)) return;
    seen.add(key);
    const own = [dynamic?.controllers, Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) as Type[] | undefined];
    for (const list of own) for (const c of list ?? []) controllers.add(c);
    const imports = [dynamic?.imports, Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as ModuleEntry[] | undefined];
    for (const list of imports) for (const i of list ?? []) visit(i as ModuleEntry);
  };
  visit(root);
  return [...controllers];
}

interface Route {
  route: string;
  handler: string;
  /** The status the route answers with: @HttpCode, else Nest's default (201 for POST). */
  status: number;
  answer: ReturnType<typeof declaredAnswer>;
}

function routesOf(controllers: Type[]): Route[] {
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    return Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
      const fn = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof fn !== 'function') return [];
      const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
      if (method === undefined || sub === undefined) return [];
      const path = `/${['api', base, sub].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
      const status = (Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined) ?? (method === RequestMethod.POST ? 201 : 200);
      return [{ route: `${RequestMethod[method]} ${path}`, handler: `${controller.name}.${name}`, status, answer: declaredAnswer(fn) }];
    });
  });
}

describe('every route declares its answer with @Answers', () => {
  // The config is only handed on to providers' factories, which nothing here runs.
  const routes = routesOf(controllersOf(AppModule.forRoot({ database: {} } as unknown as AppConfig)));
  const byRoute = new Map(routes.map((r) => [r.route, r]));

  it('finds the routes of every controller (the walk over the module graph is not empty)', () => {
    expect(routes.length).toBeGreaterThan(150);
    expect(new Set(routes.map((r) => r.handler.split('.')[0])).size).toBeGreaterThan(15);
    for (const name of ['HealthController', 'CasesController', 'HardshipController', 'FilesController', 'MeController']) {
      expect(routes.some((r) => r.handler.startsWith(`${name}.`))).toBe(true);
    }
  });

  it('leaves no route without @Answers but the exempt ones', () => {
    const missing = routes.filter((r) => !r.answer && !(r.route in EXEMPT)).map((r) => `${r.route} (${r.handler})`);
    expect(missing).toEqual([]);
  });

  it('keeps the exemptions true: each exempt route exists and still has no @Answers, and says why', () => {
    const exempt = Object.keys(EXEMPT);
    expect(exempt.filter((route) => !byRoute.has(route))).toEqual([]);
    expect(exempt.filter((route) => byRoute.get(route)?.answer).map((route) => `${route}: has @Answers now, take it off the list`)).toEqual(
      [],
    );
    expect(Object.entries(EXEMPT).filter(([, reason]) => reason.trim().length < 5)).toEqual([]);
    // A route that answers nothing says so with 204; the rest of the exempt ones answer bytes.
    expect(Object.entries(EXEMPT).filter(([route, reason]) => reason.startsWith('204') !== (byRoute.get(route)?.status === 204))).toEqual(
      [],
    );
  });

  it('documents each answer under the status the route really answers with (201 for a POST without @HttpCode)', () => {
    const wrong = routes
      .filter((r) => r.answer && r.answer.status !== r.status)
      .map((r) => `${r.route}: @Answers(…, ${r.answer?.status}) but answers ${r.status}`);
    expect(wrong).toEqual([]);
  });
});
