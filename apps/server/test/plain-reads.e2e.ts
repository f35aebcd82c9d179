import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { findRow, findRows } from '../src/database/plain-reads';
import { AssistanceRecord } from '../src/modules/hardship/entities/assistance-record.entity';
import { HardshipApplication } from '../src/modules/hardship/entities/hardship-application.entity';
import { User } from '../src/modules/identity/entities/user.entity';
import { Consultation } from '../src/modules/legal/entities/consultation.entity';
import { LegalAidApplication } from '../src/modules/legal/entities/legal-aid-application.entity';
import { MembershipApplication } from '../src/modules/membership/entities/membership-application.entity';
import { Organization } from '../src/modules/organizations/organization.entity';
import { CaseHistory } from '../src/modules/workflow/entities/case-history.entity';
import { WorkflowCase } from '../src/modules/workflow/entities/workflow-case.entity';
import { startTestApp, type TestApp } from './harness';

/**
 * The plain reads of the hot paths (src/database/plain-reads.ts) give exactly the entities
 * TypeORM's repository gives: every column, dates, flags, nulls, money and JSON transformers, on
 * the demo county's rows of each kind.
 */
describe('plain reads (e2e on the database)', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const entities: [string, EntityTarget<ObjectLiteral>][] = [
    ['workflow cases', WorkflowCase],
    ['case history', CaseHistory],
    ['organisations', Organization],
    ['users', User],
    ['membership applications', MembershipApplication],
    ['hardship applications', HardshipApplication],
    ['assistance records', AssistanceRecord],
    ['consultations', Consultation],
    ['legal-aid applications', LegalAidApplication],
  ];
  for (const [name, entity] of entities) {
    it(`reads ${name} as the repository does`, async () => {
      const expected = await ds.getRepository(entity).find({ order: { id: 'ASC' } });
      expect(expected.length).toBeGreaterThan(0);
      const got = await findRows(ds.manager, entity, {}, { orderBy: 'id' });
      expect(got).toEqual(expected);
      expect(got.every((row) => row instanceof (entity as new () => object))).toBe(true);
    });
  }

  it('compares with values, NULL and lists, orders and limits', async () => {
    const cases = await ds.getRepository(WorkflowCase).find({ order: { id: 'ASC' } });
    const open = cases.filter((c) => c.closedAt === null);
    expect(await findRows(ds.manager, WorkflowCase, { closedAt: null }, { orderBy: 'id' })).toEqual(open);
    const some = cases.slice(0, 3).map((c) => c.id);
    expect((await findRows(ds.manager, WorkflowCase, { id: some }, { orderBy: 'id', direction: 'DESC' })).map((c) => c.id)).toEqual(
      [...some].reverse(),
    );
    expect(await findRows(ds.manager, WorkflowCase, { id: [] })).toEqual([]);
    const first = cases[0];
    expect(await findRow(ds.manager, WorkflowCase, { id: first.id, caseType: first.caseType })).toEqual(first);
    expect(await findRow(ds.manager, WorkflowCase, { id: first.id, caseType: 'no_such_type' })).toBeNull();
    expect(await findRows(ds.manager, CaseHistory, {}, { orderBy: 'id', limit: 2 })).toHaveLength(2);
    await expect(findRows(ds.manager, WorkflowCase, { nothing: 1 } as never)).rejects.toThrow('no column nothing');
  });
});
