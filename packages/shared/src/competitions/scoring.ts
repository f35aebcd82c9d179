/** How an event is scored (DOMAIN.md §5). */
export type ScoringMethod =
  /** Judges score each entry (0–100, two decimals); the highest and lowest are dropped when at least `dropExtremesFrom` judges scored (0: never). */
  | { kind: 'judges_average'; dropExtremesFrom: number }
  /** A result is entered directly (a time, a count); `better` says which way wins. */
  | { kind: 'direct'; better: 'higher' | 'lower'; unit: string };

/** How entries with the same score are ordered. */
export type TieBreak = 'shared' | 'best_single_score' | 'earlier_registration';

/** Chinese names of the tie-break rules. */
export const TIE_BREAK_LABEL: Record<TieBreak, string> = {
  shared: '并列名次',
  best_single_score: '比最高单项得分',
  earlier_registration: '按报名先后',
};

/** One entry's raw results: judges' scores in hundredths of a point (9550 = 95.50), or a direct value. */
export interface EntryResultInput {
  entryId: number;
  /** ISO instant of registration, for the earlier-registration tie-break. */
  registeredAt: string;
  judgeScores: number[];
  /** The directly entered result (scaled integer, e.g. hundredths of a second), or null. */
  directValue: number | null;
  /** Excluded by the checks (employer flags): no rank, no award. */
  excluded: boolean;
}

/** One line of the computed ranking. */
export interface RankedEntry {
  entryId: number;
  /** The score as shown: the judges' average (after dropping) rounded to 2 decimals, or the direct value; null without results. */
  score: number | null;
  /** Scores left out by the drop rule (hundredths). */
  dropped: number[];
  /** 1-based; ties share a rank under the shared rule (1, 2, 2, 4); null when unranked (no result, excluded). */
  rank: number | null;
}

/** An exact score: numerator / denominator, so averages compare without rounding. */
interface Exact {
  num: number;
  den: number;
  best: number;
}

function exactScore(entry: EntryResultInput, method: ScoringMethod): { exact: Exact | null; dropped: number[] } {
  if (method.kind === 'direct') {
    if (entry.directValue === null) return { exact: null, dropped: [] };
    const v = method.better === 'higher' ? entry.directValue : -entry.directValue;
    return { exact: { num: v, den: 1, best: v }, dropped: [] };
  }
  const scores = [...entry.judgeScores].sort((a, b) => a - b);
  if (scores.length === 0) return { exact: null, dropped: [] };
  let kept = scores;
  let dropped: number[] = [];
  if (method.dropExtremesFrom > 0 && scores.length >= method.dropExtremesFrom && scores.length >= 3) {
    kept = scores.slice(1, -1);
    dropped = [scores[0], scores[scores.length - 1]];
  }
  const sum = kept.reduce((a, b) => a + b, 0);
  return { exact: { num: sum, den: kept.length, best: scores[scores.length - 1] }, dropped };
}

/** a vs b: negative when a ranks before b (a higher exact score). */
function compareExact(a: Exact, b: Exact): number {
  return b.num * a.den - a.num * b.den;
}

/**
 * Rank the entries of one event by the declared method and tie-break. Excluded entries and entries
 * without results are listed last without a rank. Averages are compared exactly (as fractions),
 * so 92.333… never ties with 92.33.
 */
export function rankEntries(entries: EntryResultInput[], method: ScoringMethod, tieBreak: TieBreak): RankedEntry[] {
  const scored = entries.map((e) => ({ e, ...exactScore(e, method) }));
  const rankable = scored.filter((s) => s.exact && !s.e.excluded);
  const order = (a: (typeof rankable)[number], b: (typeof rankable)[number]) => {
    const byScore = compareExact(a.exact as Exact, b.exact as Exact);
    if (byScore !== 0) return byScore;
    if (tieBreak === 'best_single_score' && method.kind === 'judges_average') {
      const byBest = (b.exact as Exact).best - (a.exact as Exact).best;
      if (byBest !== 0) return byBest;
    }
    if (tieBreak === 'earlier_registration') {
      const byTime = a.e.registeredAt.localeCompare(b.e.registeredAt);
      if (byTime !== 0) return byTime;
    }
    return 0;
  };
  rankable.sort((a, b) => order(a, b) || a.e.entryId - b.e.entryId);
  const result: RankedEntry[] = [];
  rankable.forEach((s, i) => {
    const tiedWithPrevious = i > 0 && order(rankable[i - 1], s) === 0;
    const rank = tiedWithPrevious ? (result[i - 1].rank as number) : i + 1;
    const exact = s.exact as Exact;
    const value = method.kind === 'direct' ? (method.better === 'higher' ? exact.num : -exact.num) : exact.num / exact.den / 100;
    result.push({
      entryId: s.e.entryId,
      score: method.kind === 'direct' ? value : Math.round(value * 100) / 100,
      dropped: s.dropped,
      rank,
    });
  });
  for (const s of scored.filter((x) => !x.exact || x.e.excluded)) {
    const exact = s.exact;
    const score = !exact
      ? null
      : method.kind === 'direct'
        ? (s.e.directValue as number)
        : Math.round((exact.num / exact.den / 100) * 100) / 100;
    result.push({ entryId: s.e.entryId, score, dropped: s.dropped, rank: null });
  }
  return result;
}

/** An award of an event: the ranks it goes to (inclusive) and what it is. */
export interface AwardRule {
  title: string;
  fromRank: number;
  toRank: number;
  prize?: string;
}

/** The awards an entry of `rank` gets (ties at a boundary all get it). */
export function awardsFor(rank: number | null, awards: AwardRule[]): AwardRule[] {
  if (rank === null) return [];
  return awards.filter((a) => rank >= a.fromRank && rank <= a.toRank);
}
