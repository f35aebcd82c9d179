import { Body, Param, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { fieldProblems, idParam, z } from '@union/shared';
import { AppException } from './app-exception';

/**
 * The one validation pipe: parses a body, query or parameter against its schema from
 * `@union/shared`. Unknown fields, wrong types and missing fields are refused with
 * `validation_failed` and the fields at fault; the handler gets the parsed value.
 */
export class SchemaPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) throw new AppException('validation_failed', undefined, fieldProblems(parsed.error));
    return parsed.data;
  }
}

type JsonSchema = Record<string, unknown>;

/** The OpenAPI 3.0 form of a schema, as the client sends it (`input`) or as the server answers (`output`). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/**
 * The API docs' part of the schema decorators, kept until the OpenAPI document is first built
 * (turning every schema into JSON Schema at start-up cost a good part of a restart). Each is
 * applied once, to the route handler as it finally is.
 */
const deferredDocs: (() => void)[] = [];

/** Write every schema decorator's API docs onto its route (before the OpenAPI document is built; once). */
export function applyDeferredApiDocs(): void {
  for (const apply of deferredDocs.splice(0)) apply();
}

/** Apply `decorate` to the route handler `key` of `target` when the docs are built (a misplaced decorator fails at once). */
function deferDocs(target: object, key: string | symbol | undefined, decorate: (descriptor: PropertyDescriptor) => void): void {
  methodOf(target, key);
  deferredDocs.push(() => decorate(methodOf(target, key)));
}

function methodOf(target: object, key: string | symbol | undefined): PropertyDescriptor {
  const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) throw new Error('schema decorators go on the parameters of a route handler');
  return descriptor;
}

/** `@BodyOf(schema) body: Shape`: the request body, parsed by its schema and described in the API docs. */
export function BodyOf(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    deferDocs(target, key, (descriptor) => ApiBody({ schema: openApiSchema(schema) as never })(target, key as string, descriptor));
    Body(new SchemaPipe(schema))(target, key, index);
  };
}

/** `@QueryOf(schema) query: Shape`: the query string, parsed by its schema; each field is a documented parameter. */
export function QueryOf(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    deferDocs(target, key, (descriptor) => {
      const json = openApiSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        const { description, ...rest } = property;
        ApiQuery({
          name,
          required: json.required?.includes(name) ?? false,
          description: typeof description === 'string' ? description : undefined,
          schema: rest as never,
        })(target, key as string, descriptor);
      }
    });
    Query(new SchemaPipe(schema))(target, key, index);
  };
}

/** `@ParamOf('id') id: number`: a path parameter, by default a row id (a whole number from 1). */
export function ParamOf(name: string, schema: z.ZodType = idParam): ParameterDecorator {
  return (target, key, index) => {
    const { description, ...rest } = openApiSchema(schema);
    ApiParam({
      name,
      required: true,
      description: typeof description === 'string' ? description : undefined,
      schema: rest as never,
    })(target, key as string, methodOf(target, key));
    Param(name, new SchemaPipe(schema))(target, key, index);
  };
}

/** Under jest, every answer of a route with {@link Answers} is parsed by its schema: a drift fails the test. */
const CHECK_ANSWERS = process.env.NODE_ENV === 'test';

/** Metadata key on a route handler: what its {@link Answers} declared (read by the coverage test over every route). */
export const ANSWERS_KEY = 'union:answers';

/** What `@Answers(schema, status)` recorded on a handler. */
export interface DeclaredAnswer {
  schema: z.ZodType;
  status: 200 | 201;
}

/** The answer a route handler declared with {@link Answers}, or undefined when it declared none. */
export function declaredAnswer(handler: object): DeclaredAnswer | undefined {
  return Reflect.getMetadata(ANSWERS_KEY, handler) as DeclaredAnswer | undefined;
}

/**
 * `@Answers(schema)` on a route handler (`@Answers(schema, 201)` on one that creates): the answer's
 * schema from `@union/shared`, described in the API docs. The handler's return type must be `Promise<z.output<schema>>` (the compiler refuses
 * another), and under the tests each answer is also parsed by the schema.
 */
export function Answers<S extends z.ZodType>(schema: S, status: 200 | 201 = 200) {
  return <H extends (...args: never[]) => Promise<z.output<S>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    deferDocs(target, key, (final) => ApiResponse({ status, schema: openApiSchema(schema, 'output') as never })(target, key, final));
    const handler = descriptor.value;
    if (!handler) return;
    const declared: DeclaredAnswer = { schema, status };
    Reflect.defineMetadata(ANSWERS_KEY, declared, handler);
    if (!CHECK_ANSWERS) return;
    const checked = async function (this: unknown, ...args: Parameters<H>) {
      const answer = await handler.apply(this, args);
      const parsed = schema.safeParse(answer);
      if (!parsed.success) throw new Error(`${String(key)} answered outside its schema: ${JSON.stringify(fieldProblems(parsed.error))}`);
      return answer;
    };
    // What the other decorators wrote on the handler (its parameters' API docs) stays with it.
    for (const metaKey of Reflect.getMetadataKeys(handler)) {
      Reflect.defineMetadata(metaKey, Reflect.getMetadata(metaKey, handler), checked);
    }
    descriptor.value = checked as unknown as H;
  };
}
