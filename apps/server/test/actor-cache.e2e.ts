import type { MeView } from '@union/shared';
import { IdentityService } from '../src/modules/identity/identity.service';
import { giveName } from './factories';
import { startTestApp, type TestApp } from './harness';
import { CONSTRUCTION_UNION } from './membership-fixtures';

/**
 * The acting user is kept for AUTH_ACTOR_CACHE_MS (2 s here, on the app's clock, which the test moves): a change made outside this process
 * (here, straight in the database) shows within that time, and a change of roles made through this
 * process (an invitation redeemed) takes effect at once.
 */
describe('the acting user kept for a short time (e2e over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_ACTOR_CACHE_MS: '2000' });
  });
  afterAll(() => t.close());

  const me = async (token: string) => (await t.http<MeView>('GET', '/me', { token })).body;

  it('reads the user again once the time is up', async () => {
    const worker = await t.newWorker('actorcache');
    const before = (await me(worker)).displayName;
    await giveName(t, worker, '改名后的职工');
    // Within the time, the user as read before (as another process would still have it).
    expect((await me(worker)).displayName).toBe(before);
    t.clock.advance(2_100);
    expect((await me(worker)).displayName).toBe('改名后的职工');
  });

  it('an invitation redeemed in this process gives its role at once', async () => {
    const worker = await t.newWorker('actorcacheinvite');
    expect((await t.http('GET', '/workbench/queue', { token: worker })).status).toBe(403);
    const code = await t.app.get(IdentityService).createInvitation(null, await t.organisationAt(CONSTRUCTION_UNION), 'grassroots_cadre');
    expect((await t.http('POST', '/auth/invitations/redeem', { token: worker, body: { code } })).status).toBe(200);
    expect((await t.http('GET', '/workbench/queue', { token: worker })).status).toBe(200);
  });
});
