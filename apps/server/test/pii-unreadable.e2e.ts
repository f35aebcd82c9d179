import type { MembershipApplicationView, Page } from '@union/shared';
import { DataSource } from 'typeorm';
import { FILE_STORE, type FileStore } from '../src/modules/uploads/file-store';
import { uploadJpeg } from './hardship-fixtures';
import { newIdNumber, newPhone, startTestApp, type TestApp } from './harness';
import { CONSTRUCTION_UNION, COUNTY } from './factories';

/** A value that fails its check (a lost key, a damaged row) is one unreadable field, not a 500. */
describe('an encrypted value that cannot be read', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows that one field as unreadable and the rest of the record and list as usual', async () => {
    const worker = await t.newWorker('bad');
    const created = await t.http<MembershipApplicationView>('POST', '/membership/applications', {
      token: worker,
      body: {
        realName: '测试工人',
        idNumber: newIdNumber(),
        phone: newPhone(),
        employerName: '县城建筑公司',
        employmentType: 'employee',
        organizationId: await t.organisationAt(CONSTRUCTION_UNION),
        hideFromEmployer: false,
      },
    });
    expect(created.status).toBe(201);
    // Damage the stored phone: flip its authentication tag.
    const ds = t.app.get(DataSource);
    const [row] = (await ds.query('SELECT phone_enc AS v FROM membership_applications WHERE id = ?', [created.body.id])) as { v: string }[];
    const damaged = row.v.slice(0, -2) + (row.v.endsWith('AA') ? 'BB' : 'AA');
    await ds.query('UPDATE membership_applications SET phone_enc = ? WHERE id = ?', [damaged, created.body.id]);

    const one = await t.http<MembershipApplicationView>('GET', `/membership/applications/${created.body.id}`, { token: worker });
    expect(one.status).toBe(200);
    expect(one.body.phoneMasked).toBe('（此项无法读取，请联系系统管理员）');
    expect(one.body.idNumberMasked).toMatch(/\*/);
    const list = await t.http<Page<MembershipApplicationView>>('GET', '/membership/applications/mine', { token: worker });
    expect(list.status).toBe(200);
    expect(list.body.items.find((a) => a.id === created.body.id)?.phoneMasked).toBe('（此项无法读取，请联系系统管理员）');
  });

  it('answers a damaged stored file with file_unreadable (422) for that file only', async () => {
    const worker = await t.newWorker('badfile');
    const [damaged, fine] = [await uploadJpeg(t, worker, 'id_card'), await uploadJpeg(t, worker, 'id_card')];
    const ds = t.app.get(DataSource);
    const [row] = (await ds.query('SELECT storage_key AS k FROM uploads WHERE id = ?', [damaged.id])) as { k: string }[];
    const store = t.app.get<FileStore>(FILE_STORE);
    const bytes = (await store.get(row.k)) as Buffer;
    bytes[bytes.length - 1] ^= 0xff; // flip a bit of the authentication tag
    await store.put(row.k, bytes);
    const open = async (id: number) => {
      const link = await t.http<{ url: string }>('GET', `/uploads/${id}/link`, { token: worker });
      const res = await fetch(`${t.baseUrl}${link.body.url}`);
      return {
        status: res.status,
        body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as { code: string }) : null,
      };
    };
    const bad = await open(damaged.id);
    expect(bad.status).toBe(422);
    expect(bad.body?.code).toBe('file_unreadable');
    expect((await open(fine.id)).status).toBe(200);
  });

  it('refuses impossible days such as 2026-02-30 wherever a day is taken, and writes nothing', async () => {
    const lawyer = await t.loginAs('lawyer', COUNTY);
    const county = await t.loginAs('county_cadre', COUNTY);
    expect((await t.http('GET', '/legal/consultations/day?date=2026-02-30', { token: lawyer })).status).toBe(400);
    expect((await t.http('GET', '/legal/consultations/day?date=2026-02-28', { token: lawyer })).status).toBe(200);
    expect((await t.http('GET', '/hardship/statistics?from=2026-02-30', { token: county })).status).toBe(400);
    expect((await t.http('GET', '/proposals/statistics?to=2026-13-01', { token: county })).status).toBe(400);
    const before = await t.count('hardship_campaigns');
    const bad = await t.http('POST', '/hardship/campaigns', {
      token: county,
      body: { kind: 'winter_warmth', title: '送温暖', budgetFen: 100_000, amountFen: 10_000, startsOn: '2026-02-30', endsOn: '2026-03-10' },
    });
    expect(bad.status).toBe(400);
    expect(await t.count('hardship_campaigns')).toBe(before);
  });
});
