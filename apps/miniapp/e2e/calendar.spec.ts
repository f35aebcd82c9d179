/* The county's own calendar: the county's administrator opens 本县节假日 from the workbench, is
 * refused a day already gone, saves a local holiday two months ahead (the list shows it, the server
 * has it), and takes it back (so the later specs' consultation days are the national ones). */
import { api, expect, log, test, tokenOf } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

/** The China date `days` from today. */
const dayAhead = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

test('the county administrator sets a local holiday, and takes it back', async ({ newUser }) => {
  const { context, d } = await newUser('county_admin');
  await d.openWorkbench();
  await d.tap('open-calendar');
  await d.see('calendar-new');
  await d.shot('county-calendar-empty');

  await d.fill('calendar-date', dayAhead(-3));
  await d.fill('calendar-name', '县庆');
  await d.tap('calendar-save');
  await expect(await d.see('calendar-error')).toContainText('已经过去', { useInnerText: true });

  const day = dayAhead(60);
  await d.fill('calendar-date', day);
  await d.tap('calendar-save');
  await expect(await d.see(`calendar-day-${day}`)).toContainText('放假：县庆', { useInnerText: true });
  await d.shot('county-calendar-saved');
  const saved = await api<{ date: string; working: boolean; name: string }[]>('GET', '/calendar/days', await tokenOf('county_admin'));
  expect(saved.map((s) => [s.date, s.working, s.name])).toContainEqual([day, false, '县庆']);

  await d.tap(`calendar-remove-${day}`);
  await expect(d.visible(`[data-testid="calendar-day-${day}"]`)).toHaveCount(0);
  const after = await api<{ date: string }[]>('GET', '/calendar/days', await tokenOf('county_admin'));
  expect(after.map((s) => s.date)).not.toContain(day);
  log(`county admin set ${day} off and took it back`);
  await context.close();
});
