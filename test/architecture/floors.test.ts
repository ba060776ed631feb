import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The floors of the project (README "Where things live"), one line per top folder, the highest
 * number on top. A file may import from its own folder and from any lower floor; folders that share
 * a number stand side by side and must not import each other. A new top folder needs a line here.
 */
const FLOOR: Record<string, number> = {
  bin: 6,
  action: 6,
  scripts: 5,
  app: 4,
  reports: 3,
  suites: 2,
  targets: 2,
  harness: 1,
};

/** Inside a folder: subfolders whose files must not import the other's (the types point one way). */
const NEVER: readonly (readonly [from: string, to: string])[] = [
  // The model (cases, verdicts, results, targets) is what the run stands on, never the reverse.
  ['harness/model/', 'harness/run/'],
];

/** The project's own tests are free to reach any floor; they are not part of the house. dist/ is the compiled copy (npm run build). */
const NOT_SCANNED = new Set(['node_modules', 'test', 'docs', 'dist']);
const SOURCE = /\.(ts|mts|js|mjs)$/;

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.') || (dir === ROOT && NOT_SCANNED.has(name))) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return dir !== ROOT && SOURCE.test(name) ? [relative(ROOT, path)] : [];
  });
}

/** Relative specifiers of `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`. */
function importsOf(text: string): string[] {
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? '');
  return specifiers.filter((s) => s.startsWith('./') || s.startsWith('../'));
}

const topFolder = (path: string) => path.split('/')[0] ?? '';

/** Every file of the house and the files it imports (repository-relative paths). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(ROOT)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    graph.set(
      file,
      importsOf(text).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s))),
    );
  }
  return graph;
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('floors: no import runs back up, none goes sideways, none goes round', () => {
  const graph = importGraph();

  it('scans the files of every floor', () => {
    const folders = new Set([...graph.keys()].map(topFolder));
    for (const folder of Object.keys(FLOOR)) expect(folders, folder).toContain(folder);
    expect(graph.size).toBeGreaterThan(200);
  });

  it('knows the floor of every top folder', () => {
    const unknown = [...new Set([...graph.keys()].map(topFolder))].filter((folder) => FLOOR[folder] === undefined);
    expect(unknown, 'add a line to FLOOR for each new top folder').toEqual([]);
  });

  it('has every import go to the same floor or a lower one, and never to a neighbour', () => {
    const wrong: string[] = [];
    for (const [file, imported] of graph) {
      const from = topFolder(file);
      for (const target of imported) {
        const to = topFolder(target);
        if (to === from || FLOOR[to] === undefined) continue;
        if ((FLOOR[to] ?? 0) > (FLOOR[from] ?? 0)) wrong.push(`${file} → ${target} (up from ${from} to ${to})`);
        else if (FLOOR[to] === FLOOR[from]) wrong.push(`${file} → ${target} (sideways from ${from} to ${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the one-way rules inside a floor', () => {
    const wrong = [...graph].flatMap(([file, imported]) =>
      NEVER.flatMap(([from, to]) => (file.startsWith(from) ? imported.filter((t) => t.startsWith(to)).map((t) => `${file} → ${t}`) : [])),
    );
    expect(wrong).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('sees every kind of import it checks (the parser itself)', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type {\n  B,\n  C,\n} from '../b.ts';",
      "import './side-effect.ts';",
      "export { d } from './d.ts';",
      "const e = await import('../e.ts');",
      "import { f } from 'node:fs';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['./a.ts', '../b.ts', './side-effect.ts', './d.ts', '../e.ts']);
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });
});
