import { createHash } from 'node:crypto';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { z } from '@union/shared';
import { SchemaPipe } from '../src/common/schema';
import type { TestApp } from './harness';

/**
 * What the write matrices (access-matrix-writes, access-matrix-creates) share: fingerprints of the
 * database that prove a refused call wrote nothing, and each route's body class from Nest's own
 * route metadata so a body is checked with the server's pipe before it is sent. Call `init` once
 * the app is up.
 */
let app: TestApp['app'];
const ds = () => app.get(DataSource);

export function initMatrixKit(testApp: TestApp['app']): void {
  app = testApp;
  const metas = ds().entityMetadatas.filter((m) => m.tableType === 'regular');
  tables = metas
    .map((m) => ({ name: m.tableName, order: m.primaryColumns.map((c) => c.databaseName).join(', ') }))
    .sort((a, b) => a.name.localeCompare(b.name));
  bodyTypes = readBodyTypes();
}

// ---------------------------------------------------------------------------------------------
// Fingerprints: row counts of every table and the versions of every case after each refused call;
// the whole content of the tables a route changes in place; the whole database around each route.

let tables: { name: string; order: string }[] = [];

export async function rows(table: string): Promise<string> {
  const order = tables.find((x) => x.name === table)?.order ?? 'id';
  return JSON.stringify(await ds().query(`SELECT * FROM ${table} ORDER BY ${order}`));
}
export async function cheapFingerprint(touches: string[]): Promise<string> {
  const counts = (await ds().query(
    [
      ...tables.map((x) => `SELECT '${x.name}' AS t, COUNT(*) AS n FROM ${x.name}`),
      `SELECT 'case versions' AS t, SUM(version) AS n FROM workflow_cases`,
    ].join(' UNION ALL '),
  )) as { t: string; n: number | string }[];
  const parts = [counts.map((c) => `${c.t}=${Number(c.n)}`).join(';')];
  for (const table of ['workflow_cases', ...touches]) parts.push(await rows(table));
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
export async function fullSnapshot(): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  for (const x of tables)
    snapshot.set(
      x.name,
      createHash('sha256')
        .update(await rows(x.name))
        .digest('hex'),
    );
  return snapshot;
}

// ---------------------------------------------------------------------------------------------
// The body schema of each route, from Nest's own route metadata, so a body is checked with the
// route's own SchemaPipe before it is sent: a refusal must not be a 400 in disguise.

const BODY_PARAM = 3; // RouteParamtypes.BODY
type BodyCheck = SchemaPipe<z.ZodType>;
let bodyTypes = new Map<string, BodyCheck>();

function readBodyTypes(): Map<string, BodyCheck> {
  const found = new Map<string, BodyCheck>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (method === undefined || sub === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number; pipes?: unknown[] }
        >;
        const key = Object.keys(args).find((k) => k.split(':')[0] === String(BODY_PARAM));
        if (!key) continue;
        const path = ['/api', base, sub]
          .filter((x) => x && x !== '/')
          .join('/')
          .replace(/\/+/g, '/')
          .replace(/:(\w+)/g, '{$1}');
        const schemaPipe = args[key].pipes?.find((p): p is SchemaPipe<z.ZodType> => p instanceof SchemaPipe);
        if (schemaPipe) found.set(`${RequestMethod[method]} ${path.replace(/\/$/, '')}`, schemaPipe);
      }
    }
  }
  return found;
}

/** Null when `body` passes the route's validation; else what the pipe says. */
export async function validationProblem(route: string, body: unknown): Promise<string | null> {
  const metatype = bodyTypes.get(route);
  if (!metatype) return body === undefined ? null : `no body schema known for ${route}`;
  try {
    const value: unknown = JSON.parse(JSON.stringify(body ?? {}));
    metatype.transform(value);
    return null;
  } catch (err) {
    const e = err as { code?: string; details?: unknown };
    return e.code ? `${e.code} ${JSON.stringify(e.details ?? [])}` : String(err);
  }
}

export async function one<T = Record<string, unknown>>(sql: string, args: unknown[] = []): Promise<T> {
  const found = (await ds().query(sql, args)) as T[];
  if (found.length === 0) throw new Error(`no record: ${sql} ${JSON.stringify(args)}`);
  return found[0];
}
