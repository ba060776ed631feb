import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { CaseContext, DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { ConnectionLimiter } from '../../harness/run/connection-limiter.ts';
import { checkProperty, type PropertyOutcome, type PropertySpec } from '../../harness/run/property-check.ts';
import { HarnessError } from '../../harness/smtp/errors.ts';
import { WireLog } from '../../harness/smtp/wire-log.ts';
import { sequentialCheckProperty } from './sequential-property.ts';

/**
 * checkProperty makes its runs side by side; fast-check then walks their results in its own order.
 * These tests hold it to the one-run-at-a-time runner it replaced (sequential-property.ts): for the
 * same seed, the same runs in the same order, the same tally and transcript lines, the same first
 * failing run, and the same shrink (path, number of shrinks, the inputs tried, the counterexample),
 * whatever order the runs finish in.
 */
const TARGET: ResolvedTarget = { name: 'none', kind: 'local', host: '127.0.0.1', ports: { starttls: 1 }, servername: 'x.test', user: 'alice', password: 'hunter2-secret', waivers: [], facts: {} };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A delay fixed by the input, so that runs started in order finish out of order. */
const jitter = (key: string) => sleep([...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7) % 4);

async function context(seed: number, limit?: number, runs?: number): Promise<CaseContext> {
  const log = new WireLog();
  const lease = limit === undefined ? undefined : await new ConnectionLimiter(limit).admit();
  return new CaseContext(TARGET, 'starttls', { ...DEFAULT_TIMEOUTS, seed, ...(runs !== undefined ? { runs } : {}) }, log, lease ? { lease } : {});
}

interface Comparable {
  outcome?: Omit<PropertyOutcome<unknown>, 'interrupted'>;
  error?: string;
  runLines: string[];
  shrinkInputs: string[];
}

/** Runs one implementation and records what it reported, its run lines, and the inputs tried while shrinking. */
async function observe<T, O>(impl: typeof checkProperty, ctx: CaseContext, spec: PropertySpec<T, O>, key: (input: T) => string): Promise<Comparable> {
  const probed: string[] = [];
  const counted: PropertySpec<T, O> = { ...spec, probe: (input, log) => (probed.push(key(input)), spec.probe(input, log)) };
  let outcome: PropertyOutcome<O> | undefined;
  let error: string | undefined;
  try {
    outcome = await impl(ctx, counted);
  } catch (err) {
    error = (err as Error).message;
  }
  const runLines = ctx.log.entries.map((e) => e.text).filter((t) => /^run \d+: /.test(t));
  return {
    ...(outcome ? { outcome: { replay: outcome.replay, tally: outcome.tally, observations: outcome.observations ?? [], ...(outcome.failure ? { failure: outcome.failure } : {}) } } : {}),
    ...(error ? { error } : {}),
    runLines,
    shrinkInputs: outcome?.failure ? probed : [],
  };
}

async function compare<T, O>(spec: PropertySpec<T, O>, key: (input: T) => string, seed: number, limit?: number, runs?: number): Promise<string> {
  const reference = await observe(sequentialCheckProperty, await context(seed, undefined, runs), spec, key);
  const sideBySide = await observe(checkProperty, await context(seed, limit, runs), spec, key);
  expect(sideBySide.outcome, `seed ${seed}`).toEqual(reference.outcome);
  expect(sideBySide.error, `seed ${seed}`).toEqual(reference.error);
  expect(sideBySide.runLines, `seed ${seed}`).toEqual(reference.runLines);
  // Runs made ahead past the first failure are extra probes before shrinking; the shrinking runs are the same, in the same order.
  const shrinkRuns = reference.shrinkInputs.length - (reference.outcome?.failure?.firstRun ?? 0);
  expect(sideBySide.shrinkInputs.slice(sideBySide.shrinkInputs.length - shrinkRuns), `seed ${seed}`).toEqual(reference.shrinkInputs.slice(reference.shrinkInputs.length - shrinkRuns));
  const failure = reference.outcome?.failure;
  return reference.error ? 'error' : !failure ? 'pass' : failure.shrinks > 0 ? 'shrunk' : 'failed';
}

/** The comparisons are not vacuous: the seeds give passes, failures that shrink, and (where asked) errors. */
function expectMix(kinds: string[], ...wanted: string[]): void {
  for (const kind of wanted) expect(kinds, kind).toContain(kind);
}

const integersFrom = (threshold: number): PropertySpec<number, number> => ({
  arbitrary: fc.integer({ min: 0, max: 1000 }),
  core: [],
  defaultRuns: 25,
  probe: async (n) => (await jitter(String(n)), n),
  violates: (o) => o >= threshold,
  label: (o) => (o >= threshold ? 'big' : 'small'),
  describe: (n) => `n=${n}`,
});
const integers = integersFrom(700);

type Line = 'NOOP' | 'RSET' | 'DATA' | 'MAIL';
const pipelines: PropertySpec<Line[], { lines: Line[] }> = {
  arbitrary: fc.array(fc.constantFrom<Line>('NOOP', 'RSET', 'DATA', 'MAIL'), { minLength: 1, maxLength: 8 }),
  // 2 + 28: the very inputs of the 30 runs this test had when the core was two fast-check examples within them.
  defaultRuns: 28,
  core: [['NOOP'], ['RSET', 'NOOP']],
  probe: async (lines) => {
    await jitter(lines.join());
    // "Could not conclude" for some inputs: the case is ERROR unless a violation is found.
    if (lines.length === 7) throw new HarnessError('timed out', 'timeout');
    return { lines };
  },
  violates: (o) => o.lines.join(' ').includes('MAIL DATA'),
  label: (o) => (o.lines.includes('DATA') ? 'data' : 'plain'),
  describe: (lines) => lines.join(' '),
};

/** A model run (fc.commands): shrinking keeps only the commands that ran, so the run itself must be the one shrunk. */
interface Counter {
  value: number;
  steps: string[];
}
class Diverged extends Error {}
const step = (name: string, by: number): fc.AsyncCommand<{ value: number }, Counter> => ({
  check: () => true,
  async run(m, r) {
    await jitter(`${r.steps.length}${name}`);
    m.value += by;
    r.value += by;
    r.steps.push(name);
    if (r.value > 5) throw new Diverged(`${r.steps.join(',')} reached ${r.value}`);
  },
  toString: () => name,
});
const sessions: PropertySpec<Iterable<fc.AsyncCommand<{ value: number }, Counter>>, { steps: string[]; divergence?: string }> = {
  arbitrary: fc.commands([fc.constant(step('inc', 1)), fc.constant(step('dec', -1)), fc.constant(step('twice', 2)), fc.constant(step('noop', 0))], { maxCommands: 8, size: 'max' }),
  // A core of two sequences, neither diverging: the random ones after it find the divergences.
  core: [[step('inc', 1), step('dec', -1)], [step('twice', 2), step('noop', 0)]],
  defaultRuns: 40,
  probe: async (cmds) => {
    const real: Counter = { value: 0, steps: [] };
    try {
      await fc.asyncModelRun(() => ({ model: { value: 0 }, real }), cmds);
      return { steps: real.steps };
    } catch (err) {
      if (err instanceof Diverged) return { steps: real.steps, divergence: err.message };
      throw err;
    }
  },
  violates: (o) => o.divergence !== undefined,
  label: (o) => (o.divergence ? 'diverged' : 'fine'),
  describe: (cmds, o) => (o ? o.steps.join(',') : [...cmds].map(String).join(',')),
};
const commandsKey = (cmds: Iterable<unknown>) => [...cmds].map(String).join(',');

describe('checkProperty against the one-run-at-a-time runner', () => {
  it('integers: same runs, first failure and shrink for 30 seeds, without and with a connection limit', { timeout: 60_000 }, async () => {
    const kinds: string[] = [];
    for (let seed = 1; seed <= 30; seed++) kinds.push(await compare(integersFrom(seed % 5 ? 700 : 2000), String, seed, seed % 2 ? undefined : 3));
    expectMix(kinds, 'pass', 'shrunk');
  });

  it('generated pipelines with a core and runs that cannot conclude: same outcome or the same ERROR', { timeout: 60_000 }, async () => {
    const kinds: string[] = [];
    for (let seed = 100; seed < 130; seed++) kinds.push(await compare(pipelines, (l) => l.join(' '), seed, seed % 3 === 0 ? 2 : undefined));
    expectMix(kinds, 'shrunk', 'error');
  });

  it('fc.commands: the shrink reads which commands ran in the very run that failed', { timeout: 60_000 }, async () => {
    const kinds: string[] = [];
    for (let seed = 1; seed <= 30; seed++) kinds.push(await compare(sessions, commandsKey, seed, seed % 2 ? 6 : undefined, seed % 3 ? undefined : 2));
    expectMix(kinds, 'pass', 'shrunk');
  });

  it('a core run that fails: the same first failing run and the same shrink from the core value, for 20 seeds', { timeout: 60_000 }, async () => {
    const kinds: string[] = [];
    for (let seed = 1; seed <= 20; seed++) kinds.push(await compare({ ...integersFrom(seed % 2 ? 700 : 2000), core: [10, 800, 30] }, String, seed, seed % 3 ? 3 : undefined));
    expectMix(kinds, 'shrunk', 'pass');
  });

  it('--runs below the core (which still runs in full), and a single slot (no spare run): still the same', async () => {
    await compare(pipelines, (l) => l.join(' '), 7, undefined, 1);
    await compare(pipelines, (l) => l.join(' '), 7, 1);
    await compare(integers, String, 3, 1, 60);
  });

  it('runs go side by side within the connection limit', async () => {
    let going = 0;
    let most = 0;
    const slow: PropertySpec<number, number> = { ...integers, violates: () => false, probe: async (n) => (going++, (most = Math.max(most, going)), await sleep(5), going--, n) };
    await checkProperty(await context(1, 3), slow);
    expect(most).toBe(3);
    most = 0;
    await checkProperty(await context(1, 1), slow);
    expect(most).toBe(1);
  });
});
