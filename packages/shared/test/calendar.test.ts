import { cstDate, defaultWorkCalendar, WorkCalendar } from '../src';

describe('WorkCalendar', () => {
  const cal = defaultWorkCalendar();

  it('knows weekends, public holidays and make-up working days', () => {
    expect(cal.isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(cal.isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(cal.holidayName('2026-10-01')).toBe('国庆节');
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday make-up day
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday make-up day before Spring Festival
  });

  it("takes a county's own days over the national calendar, and leaves the national one as it was", () => {
    const county = cal.withOverrides([
      { date: '2026-11-24', working: false, name: '县庆' }, // a Tuesday off
      { date: '2026-11-28', working: true, name: '调休上班' }, // a Saturday at work
      { date: '2026-10-10', working: false, name: '补休' }, // a national make-up day given off
      { date: '2026-10-01', working: true, name: '值班' }, // a national holiday at work
    ]);
    expect(['2026-11-24', '2026-11-28', '2026-10-10', '2026-10-01'].map((d) => county.isWorkingDay(d))).toEqual([false, true, false, true]);
    expect([county.holidayName('2026-11-24'), county.holidayName('2026-10-01'), county.holidayName('2026-10-02')]).toEqual([
      '县庆',
      undefined,
      '国庆节',
    ]);
    // Mon 23 + 3 working days: Wed 25, Thu 26, Fri 27 (Tue 24 off); + 4: Sat 28 (at work).
    expect([county.addWorkingDays('2026-11-23', 3), county.addWorkingDays('2026-11-23', 4)]).toEqual(['2026-11-27', '2026-11-28']);
    expect([cal.addWorkingDays('2026-11-23', 3), cal.isWorkingDay('2026-11-24')]).toEqual(['2026-11-26', true]);
  });

  it('counts 15 working days over a weekend', () => {
    // Mon 2026-11-23 + 15 working days = Mon 2026-12-14
    expect(cal.addWorkingDays('2026-11-23', 15)).toBe('2026-12-14');
  });

  it('skips the National Day holiday and counts the make-up Saturday', () => {
    // From Wed 2026-09-30: Oct 1-7 are holidays; Thu 8, Fri 9, Sat 10 (make-up) are working days.
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('skips Spring Festival 2026', () => {
    // Fri 2026-02-13; Sat 14 is a make-up day; 15-23 holiday; Tue 24 next.
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('falls back to weekdays for years without data', () => {
    const empty = new WorkCalendar({ years: {} });
    expect(empty.isWorkingDay('2030-10-01')).toBe(true);
    expect(empty.addWorkingDays('2030-10-04', 1)).toBe('2030-10-07');
  });

  it('computes the due instant at the end of the CST day and counts days left', () => {
    const start = new Date('2026-11-23T02:00:00Z'); // 10:00 CST Monday
    const due = cal.dueAt(start, 15);
    expect(due.toISOString()).toBe('2026-12-14T15:59:59.999Z');
    expect(cal.workingDaysLeft(start, due)).toBe(15);
    expect(cal.workingDaysLeft(new Date('2026-12-14T08:00:00Z'), due)).toBe(0);
    expect(cal.workingDaysLeft(new Date('2026-12-16T08:00:00Z'), due)).toBe(-2);
  });

  it('uses China time for the calendar date', () => {
    expect(cstDate(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });
});
