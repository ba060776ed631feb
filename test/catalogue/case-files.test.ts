import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyCase } from '../../harness/model/case.ts';
import { ALL_CASES } from '../../suites/index.ts';

const SUITES = resolve(import.meta.dirname, '../../suites');

/** Every .ts file under a folder, as paths relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path).map((f) => `${name}/${f}`);
    return name.endsWith('.ts') ? [name] : [];
  });
}

const AREAS = readdirSync(SUITES).filter((name) => statSync(join(SUITES, name)).isDirectory());

/** The files of an area that are cases: `<section>/<name>.ts`, outside the area's common/ folder. */
const caseFiles = (area: string) => files(join(SUITES, area)).filter((f) => f !== 'index.ts' && !f.startsWith('common/'));

/** The ordered list an area's index.ts exports (its one export). */
async function areaList(area: string): Promise<readonly AnyCase[]> {
  const lists = Object.values(await import(join(SUITES, area, 'index.ts'))) as (readonly AnyCase[])[];
  expect(lists, `suites/${area}/index.ts exports one list of cases`).toHaveLength(1);
  return lists[0]!;
}

/** A case id's section matches its file: adding a case is one file plus its line in its area's list. */
describe('one file per case', () => {
  it.each(ALL_CASES.map((c) => [c.id, c] as const))('%s is the default export of suites/<its id>.ts', async (id, testCase) => {
    const module = await import(join(SUITES, `${id}.ts`));
    expect(module.default, `suites/${id}.ts must export the case as its default`).toBe(testCase);
  });

  it.each(AREAS)('suites/%s holds only its index.ts, common/ and <section>/<name>.ts case files', (area) => {
    const misplaced = caseFiles(area).filter((f) => f.split('/').length !== 2);
    expect(misplaced, 'a case file is <section>/<name>.ts; code several cases share goes in common/').toEqual([]);
  });

  it.each(AREAS)('suites/%s/index.ts lists exactly the case files of its folder', async (area) => {
    const listed = (await areaList(area)).map((c) => c.id);
    expect(new Set(listed).size, 'no case listed twice').toBe(listed.length);
    const onDisk = caseFiles(area).map((f) => `${area}/${f.replace(/\.ts$/, '')}`);
    expect([...listed].sort()).toEqual(onDisk.sort());
  });

  it('ALL_CASES is the areas\' lists joined, each in its own order', async () => {
    const lists = await Promise.all(AREAS.map(areaList));
    const all = ALL_CASES.map((c) => c.id);
    expect([...all].sort()).toEqual(lists.flat().map((c) => c.id).sort());
    lists.forEach((list, i) => {
      const positions = list.map((c) => all.indexOf(c.id));
      expect(positions, `suites/${AREAS[i]}/index.ts: report order is the list's order`).toEqual([...positions].sort((a, b) => a - b));
    });
  });
});
