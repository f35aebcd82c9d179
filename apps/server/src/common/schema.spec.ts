import 'reflect-metadata';
import { caseSearchPage, caseSearchQuery, type CaseSearchPage, z } from '@union/shared';
import { AppException } from './app-exception';
import { Answers, SchemaPipe } from './schema';

const point = z.strictObject({ x: z.int(), label: z.string() });

class Handlers {
  @Answers(point)
  async good(): Promise<z.output<typeof point>> {
    return { x: 1, label: 'a' };
  }

  // The compiler checks the shape: a handler typed another way than its schema does not build.
  // @ts-expect-error the answer is not the schema's (label missing)
  @Answers(point)
  async wrongType(): Promise<{ x: number }> {
    return { x: 1 };
  }

  @Answers(point)
  async drifts(): Promise<z.output<typeof point>> {
    // What a cast hides from the compiler, the check at run time still sees.
    return { x: 'one' } as unknown as z.output<typeof point>;
  }

  @Answers(caseSearchPage)
  async page(): Promise<CaseSearchPage> {
    return { items: [], nextCursor: null };
  }
}

describe('the schema decorators', () => {
  const handlers = new Handlers();

  it('under the tests, parses each answer of a route with @Answers by its schema', async () => {
    await expect(handlers.good()).resolves.toEqual({ x: 1, label: 'a' });
    await expect(handlers.page()).resolves.toEqual({ items: [], nextCursor: null });
    await expect(handlers.drifts()).rejects.toThrow(/drifts answered outside its schema/);
    await expect(handlers.wrongType()).rejects.toThrow(/label/);
  });

  it('refuses a request outside its schema with the fields at fault and hands on the parsed value', () => {
    const pipe = new SchemaPipe(caseSearchQuery);
    expect(pipe.transform({ caseType: 'membership_application', state: 'submitted', limit: 5 })).toEqual({
      caseType: 'membership_application',
      state: 'submitted',
      limit: 5,
    });
    const refused = (() => {
      try {
        pipe.transform({ state: 'submitted', extra: 1 });
      } catch (e) {
        return e as AppException;
      }
      throw new Error('accepted');
    })();
    expect(refused).toBeInstanceOf(AppException);
    expect(refused.code).toBe('validation_failed');
    expect(refused.details?.map((d) => d.field).sort()).toEqual(['extra', 'state']);
  });
});
