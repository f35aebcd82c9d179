import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The server's folders (each module under modules/, and common, config, database) and the
// folders each one imports from, read from the import lines of its source files.
const SRC = resolve(__dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** `modules/legal`, `common`, `database` …: the unit a file belongs to. */
function unitOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  return parts[0] === 'modules' ? `modules/${parts[1]}` : parts[0].replace(/\.ts$/, '');
}

function importGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of filesUnder(SRC)) {
    const from = unitOf(file);
    const edges = graph.get(from) ?? new Map<string, string[]>();
    graph.set(from, edges);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const to = unitOf(resolve(dirname(file), spec));
      if (to !== from) edges.set(to, [...(edges.get(to) ?? []), relative(SRC, file)]);
    }
  }
  return graph;
}

/** Strongly connected groups of more than one unit (Tarjan). */
function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

describe('module boundaries of the server', () => {
  const graph = importGraph();

  it('reads the graph (the walk is not empty)', () => {
    expect(graph.size).toBeGreaterThan(10);
    expect(graph.get('modules/membership')?.has('modules/identity')).toBe(true);
  });

  it('has no import cycle between modules (identity ↔ membership, workflow ↔ notifications were the last)', () => {
    const modulesOnly = new Map(
      [...graph].filter(([u]) => u.startsWith('modules/')).map(([u, e]) => [u, new Map([...e].filter(([t]) => t.startsWith('modules/')))]),
    );
    expect(cycles(modulesOnly)).toEqual([]);
  });

  it('keeps the infrastructure (common, config, database) free of the modules, so no folder cycle passes through it', () => {
    const into = ['common', 'config', 'database'].flatMap((unit) =>
      [...(graph.get(unit) ?? new Map<string, string[]>())]
        .filter(([to]) => to.startsWith('modules/'))
        .map(([to, files]) => `${unit} -> ${to} (${files[0]})`),
    );
    expect(into).toEqual([]);
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const made = new Map([
      ['a', new Map([['b', ['a.ts']]])],
      ['b', new Map([['a', ['b.ts']]])],
    ]);
    expect(cycles(made)).toEqual([['a', 'b']]);
  });
});
