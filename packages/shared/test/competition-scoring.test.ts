import { awardsFor, rankEntries, validateScoring, type EntryResultInput } from '../src';

const entry = (entryId: number, judgeScores: number[], over: Partial<EntryResultInput> = {}): EntryResultInput => ({
  entryId,
  registeredAt: `2026-11-0${entryId}T00:00:00.000Z`,
  judgeScores,
  directValue: null,
  excluded: false,
  ...over,
});
const judges = (dropExtremesFrom: number) => ({ kind: 'judges_average' as const, dropExtremesFrom });

describe('competition scoring', () => {
  it('drops the highest and lowest score when enough judges scored', () => {
    // 90, 92, 95 kept; 88 and 99 dropped: (90 + 92 + 95) / 3 = 92.33
    const [a] = rankEntries([entry(1, [9000, 9200, 9500, 8800, 9900])], judges(5), 'shared');
    expect(a).toMatchObject({ score: 92.33, dropped: [8800, 9900], rank: 1 });
  });

  it('keeps every score when fewer judges scored than the rule needs', () => {
    const [a] = rankEntries([entry(1, [9000, 9200, 9500, 8800])], judges(5), 'shared');
    expect(a).toMatchObject({ score: 91.25, dropped: [], rank: 1 });
  });

  it('shares a rank on a tie and skips the next (1, 1, 3)', () => {
    const ranked = rankEntries([entry(1, [9250]), entry(2, [9250]), entry(3, [9000])], judges(0), 'shared');
    expect(ranked.map((r) => [r.entryId, r.rank])).toEqual([
      [1, 1],
      [2, 1],
      [3, 3],
    ]);
  });

  it('compares averages exactly: 92.333… beats 92.33', () => {
    const ranked = rankEntries([entry(1, [9233]), entry(2, [9000, 9200, 9500])], judges(0), 'shared');
    expect(ranked.map((r) => [r.entryId, r.rank, r.score])).toEqual([
      [2, 1, 92.33],
      [1, 2, 92.33],
    ]);
  });

  it('breaks a tie by the best single score', () => {
    const ranked = rankEntries([entry(1, [9200, 9300]), entry(2, [9000, 9500])], judges(0), 'best_single_score');
    expect(ranked.map((r) => [r.entryId, r.rank])).toEqual([
      [2, 1],
      [1, 2],
    ]);
  });

  it('breaks a tie by who registered first', () => {
    const ranked = rankEntries([entry(2, [9000]), entry(1, [9000])], judges(0), 'earlier_registration');
    expect(ranked.map((r) => [r.entryId, r.rank])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('ranks a time: lower is better', () => {
    const method = { kind: 'direct' as const, better: 'lower' as const, unit: '秒' };
    const ranked = rankEntries(
      [entry(1, [], { directValue: 1230 }), entry(2, [], { directValue: 1180 }), entry(3, [], { directValue: null })],
      method,
      'shared',
    );
    expect(ranked.map((r) => [r.entryId, r.rank, r.score])).toEqual([
      [2, 1, 1180],
      [1, 2, 1230],
      [3, null, null],
    ]);
  });

  it('leaves an excluded entry without a rank or an award, and closes the gap', () => {
    const ranked = rankEntries([entry(1, [9900], { excluded: true }), entry(2, [9500]), entry(3, [9000])], judges(0), 'shared');
    expect(ranked.map((r) => [r.entryId, r.rank])).toEqual([
      [2, 1],
      [3, 2],
      [1, null],
    ]);
    const awards = [
      { title: '一等奖', fromRank: 1, toRank: 1 },
      { title: '技术能手', fromRank: 1, toRank: 3 },
    ];
    expect(awardsFor(1, awards).map((a) => a.title)).toEqual(['一等奖', '技术能手']);
    expect(awardsFor(null, awards)).toEqual([]);
  });

  it('refuses a drop rule with fewer than 3 judges and a broken award range', () => {
    expect(validateScoring(judges(2), [{ title: '一等奖', fromRank: 2, toRank: 1 }]).map((p) => p.field)).toEqual([
      'scoring.dropExtremesFrom',
      'awards.0.toRank',
    ]);
  });
});
