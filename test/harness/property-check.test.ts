import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { CaseContext, DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { ConnectionLimiter } from '../../harness/run/connection-limiter.ts';
import { checkProperty, counterexampleOrigin, interruptedText, replayText, tallyText } from '../../harness/run/property-check.ts';
import { HarnessError } from '../../harness/smtp/errors.ts';
import { WireLog } from '../../harness/smtp/wire-log.ts';
import { attackerAuth, describeInjection, injectionWrites, PADDING_LINE, THEFT_CHAIN, type InjectionInput } from '../../suites/injection/common/generated-payloads.ts';
import { judgeProperty } from '../../suites/injection/common/injection-property.ts';
import { judgeRun, junkInsteadOfClientHello } from '../../suites/injection/3/junk-instead-of-client-hello.ts';
import { smtpReplyCode, smtpReplyIn } from '../../suites/injection/common/smtp-reply-bytes.ts';
import { plaintextBeforeClientHello } from '../../suites/injection/4/plaintext-before-client-hello.ts';

/** The property runner and the oracles of the property-based cases, without a server. */
const TARGET: ResolvedTarget = {
  name: 'none',
  kind: 'local',
  host: '127.0.0.1',
  ports: { starttls: 1 },
  servername: 'mail.example.test',
  user: 'alice',
  password: 'hunter2-secret',
  waivers: [],
  facts: {},
};

function context(seed?: number, runs?: number): CaseContext {
  const log = new WireLog().addCredentials(TARGET.user, TARGET.password);
  return new CaseContext(TARGET, 'starttls', { ...DEFAULT_TIMEOUTS, ...(seed !== undefined ? { seed } : {}), ...(runs !== undefined ? { runs } : {}) }, log);
}

/** A property over integers that fails from 50 up: the runner must find and shrink it to exactly 50. */
const spec = (probe: (n: number) => Promise<number> = async (n) => n, core: number[] = []) => ({
  arbitrary: fc.integer({ min: 0, max: 1000 }),
  core,
  defaultRuns: 25,
  probe: async (n: number, log: WireLog) => {
    log.event(false, `probing ${n}`);
    return probe(n);
  },
  violates: (o: number) => o >= 50,
  label: (o: number) => (o >= 50 ? 'big' : 'small'),
  describe: (n: number) => `n=${n}`,
});

describe('checkProperty', () => {
  it('finds a failure, shrinks it, and reports seed, runs, path and the counterexample', async () => {
    const outcome = await checkProperty(context(42), spec());
    expect(outcome.failure?.counterexample).toBe('n=50');
    expect(outcome.failure?.observation).toBe(50);
    expect(outcome.replay).toMatchObject({ seed: 42, runs: 25, counterexample: 'n=50' });
    expect(outcome.replay.path).toMatch(/^\d+(:\d+)*$/);
    expect(outcome.replay.executed).toBe(outcome.failure?.firstRun);
  });

  it('the same seed gives the same runs, the same path and the same counterexample', async () => {
    const seen: number[][] = [[], []];
    const runs = await Promise.all(seen.map((inputs) => checkProperty(context(7), spec(async (n) => (inputs.push(n), n)))));
    expect(seen[0]).toEqual(seen[1]);
    expect(runs[0]!.replay).toEqual(runs[1]!.replay);
  });

  it('--runs and --seed come from the case context; without a seed one is drawn and reported', async () => {
    const passing = { ...spec(), violates: () => false, label: () => 'ok' };
    expect((await checkProperty(context(3, 7), passing)).replay).toEqual({ seed: 3, runs: 7, executed: 7 });
    const drawn = await checkProperty(context(undefined, 5), passing);
    expect(Number.isInteger(drawn.replay.seed)).toBe(true);
    expect(drawn.tally).toEqual({ ok: 5 });
  });

  it('a run that cannot conclude makes the case ERROR, unless another run found a violation', async () => {
    const flaky = spec(async (n) => {
      if (n % 2 === 1) throw new HarnessError('timed out', 'timeout');
      return 0;
    });
    await expect(checkProperty(context(1), flaky)).rejects.toThrow(/^run \d+ of 25 \(seed 1\) could not conclude: timed out$/);
    const failing = spec(async (n) => {
      if (n % 2 === 1) throw new HarnessError('timed out', 'timeout');
      return n;
    });
    expect((await checkProperty(context(1), failing)).failure).toBeDefined();
  });

  it('shrinking stops after its budget of runs', async () => {
    let calls = 0;
    // One connection slot: no run is made ahead, so every call is a run fast-check asked for.
    const lease = await new ConnectionLimiter(1).admit();
    const ctx = new CaseContext(TARGET, 'starttls', { ...DEFAULT_TIMEOUTS, seed: 11 }, new WireLog(), { lease });
    const outcome = await checkProperty(ctx, { ...spec(async (n) => (calls++, n)), shrinkBudget: 2 });
    expect(outcome.failure).toBeDefined();
    expect(calls).toBeLessThanOrEqual(outcome.failure!.firstRun + 2);
  });

  it('the core runs first, in order and in full, on every seed and whatever --runs says; then the random runs', async () => {
    const core = [1, 2, 3, 4, 5];
    for (const [seed, runs] of [
      [1, undefined],
      [2, 1],
      [3, 7],
    ] as const) {
      const seen: number[] = [];
      // One slot: the runs are made one at a time, in fast-check's order.
      const lease = await new ConnectionLimiter(1).admit();
      const ctx = new CaseContext(TARGET, 'starttls', { ...DEFAULT_TIMEOUTS, seed, ...(runs !== undefined ? { runs } : {}) }, new WireLog(), { lease });
      const outcome = await checkProperty(ctx, { ...spec(async (n) => (seen.push(n), 0), core), label: () => 'ok' });
      const random = runs ?? 25;
      expect(seen.slice(0, core.length)).toEqual(core);
      expect(seen).toHaveLength(core.length + random);
      expect(outcome.replay).toEqual({ seed, runs: random, core: core.length, executed: core.length + random });
      expect(replayText(outcome.replay)).toBe(`seed ${seed}, ${core.length + random} of ${core.length + random} runs (5 core, ${random} random); replay: --seed ${seed} --runs ${random}`);
      expect(ctx.log.entries[0]!.text).toBe(`property: seed ${seed}, 5 core runs, then ${random} random runs (fast-check; replay with --seed ${seed} --runs ${random})`);
    }
  });

  it('the random runs after a core are the same for a seed as without the core: --seed replays them', async () => {
    const without: number[] = [];
    const withCore: number[] = [];
    const oneSlot = async () => new CaseContext(TARGET, 'starttls', { ...DEFAULT_TIMEOUTS, seed: 9 }, new WireLog(), { lease: await new ConnectionLimiter(1).admit() });
    await checkProperty(await oneSlot(), { ...spec(async (n) => (without.push(n), 0)), label: () => 'ok' });
    await checkProperty(await oneSlot(), { ...spec(async (n) => (withCore.push(n), 0), [1, 2, 3]), label: () => 'ok' });
    expect(withCore.slice(3)).toEqual(without);
  });

  it('a counterexample says whether a core run or a generated one failed first', () => {
    const replay = { seed: 1, runs: 15, core: 38 };
    const failure = { observation: 0, counterexample: 'x', shrinks: 0 };
    expect(counterexampleOrigin(replay, { ...failure, firstRun: 4 })).toBe('Counterexample (core run 4 of 38, as it ran)');
    expect(counterexampleOrigin(replay, { ...failure, firstRun: 4, shrinks: 2 })).toBe('Counterexample (core run 4 of 38, 2 shrinks)');
    expect(counterexampleOrigin(replay, { ...failure, firstRun: 40, shrinks: 3 })).toBe('Shrunk counterexample (first failing run 40, 3 shrinks)');
    expect(counterexampleOrigin({ seed: 1, runs: 30 }, { ...failure, firstRun: 4, shrinks: 3 })).toBe('Shrunk counterexample (first failing run 4, 3 shrinks)');
  });

  it('a PASS cut short by the case budget says how much of the core ran', () => {
    const replay = { seed: 1, runs: 20, core: 38, executed: 12 };
    expect(interruptedText({ replay, tally: {}, interrupted: true })).toBe(' (stopped after 12 of 58 runs by the case budget, 12 of 38 core runs among them; raise --case-timeout)');
    expect(interruptedText({ replay: { ...replay, executed: 40 }, tally: {}, interrupted: true })).toBe(' (stopped after 40 of 58 runs by the case budget; raise --case-timeout)');
    expect(interruptedText({ replay, tally: {} })).toBe('');
  });

  it('a failing core run is the first failing run, reported by its index', async () => {
    const outcome = await checkProperty(context(4), spec(async (n) => n, [1, 60, 2]));
    expect(outcome.failure?.firstRun).toBe(2);
    expect(outcome.replay).toMatchObject({ seed: 4, runs: 25, core: 3, executed: 2 });
    // A core value the arbitrary can shrink (an integer here) is shrunk like a generated one.
    expect(outcome.failure?.counterexample).toBe('n=50');
  });

  it('the transcript has one line per run and the exchanges of the first run and of the counterexample', async () => {
    const ctx = context(42);
    await checkProperty(ctx, spec());
    const text = ctx.log.entries.map((e) => e.text);
    expect(text[0]).toBe('property: seed 42, 25 runs (fast-check; replay with --seed 42 --runs 25)');
    expect(text.filter((t) => /^run \d+: n=\d+ → /.test(t)).length).toBeGreaterThan(0);
    expect(text).toContain('— transcript of the first run —');
    expect(text).toContain('— transcript of the shrunk counterexample —');
    expect(text.at(-1)).toBe('probing 50');
  });
});

describe('injection payloads', () => {
  const auth = attackerAuth({ user: 'alice', password: 'hunter2-secret' }, false);
  const input = (over: Partial<InjectionInput>): InjectionInput => ({ padding: 0, commands: ['NOOP'], endings: 'crlf', lfBits: 0, cuts: [], lateFrom: null, ...over });

  it('one write by default; cuts and a late part make more, the late ones after the 220', () => {
    expect(injectionWrites(input({}), auth)).toEqual([{ bytes: 'STARTTLS\r\nNOOP\r\n', display: 'STARTTLS\r\nNOOP\r\n', afterReady: false }]);
    const writes = injectionWrites(input({ commands: ['NOOP', 'RSET'], cuts: [0], lateFrom: 500 }), auth);
    expect(writes.map((w) => [w.bytes, w.afterReady])).toEqual([
      ['STARTTLS\r\n', false],
      ['NOOP\r\n', false],
      ['RSET\r\n', true],
    ]);
  });

  it('endings: bare LF everywhere, or per line in "mixed"', () => {
    expect(injectionWrites(input({ commands: ['NOOP', 'RSET'], endings: 'lf' }), auth)[0]!.bytes).toBe('STARTTLS\r\nNOOP\nRSET\n');
    expect(injectionWrites(input({ commands: ['NOOP', 'RSET'], endings: 'mixed', lfBits: 0b10 }), auth)[0]!.bytes).toBe('STARTTLS\r\nNOOP\r\nRSET\n');
  });

  it('the attacker AUTH is masked in the display and the description; external targets get a probe user', () => {
    const chain = input({ commands: [...THEFT_CHAIN] });
    const [write] = injectionWrites(chain, auth);
    expect(write!.bytes).toContain(auth.line);
    expect(write!.display).toContain('AUTH PLAIN [attacker credentials]');
    expect(describeInjection(chain, auth)).not.toContain(auth.line);
    expect(attackerAuth({ user: 'alice', password: 'hunter2-secret' }, true).line).not.toContain(Buffer.from('\0alice\0hunter2-secret').toString('base64'));
  });

  it('describes sizes, endings and writes, with padding folded', () => {
    expect(describeInjection(input({ padding: 9, commands: ['NOOP'], endings: 'lf', lateFrom: 0 }), auth)).toBe(
      `10 lines (bare LF), ${9 * (PADDING_LINE.length + 1) + 5} octets in 2 writes: "STARTTLS\\r\\n" | after the 220: "${'NOOP x{488}\\n'.repeat(9)}NOOP\\n"`,
    );
  });
});

describe('oracles of the property-based injection cases', () => {
  const replay = { seed: 9, runs: 30, executed: 4, path: '3:0', counterexample: '1 line (CRLF), 6 octets in 1 write: "STARTTLS\\r\\nNOOP\\r\\n"' };

  it('INJ-2: a failure is VULNERABLE with the counterexample and the replay flags; a 354 is credential theft', () => {
    const j = judgeProperty({ replay, tally: { discarded: 3, 'injected command executed': 1 }, failure: { observation: { stage: 'unsolicited', bytes: '235 ok\r\n354 go\r\n' }, counterexample: replay.counterexample, firstRun: 4, shrinks: 2 } });
    expect(j.outcome).toBe('violates');
    expect(j.seen).toBe('injected command executed, credential theft');
    expect(j.actual).toContain(replay.counterexample);
    expect(j.actual).toContain(replayText(replay));
    expect(j.actual).toContain('235 ok / 354 go');
    expect(j.replay).toEqual(replay);
  });

  it('INJ-2: no failure conforms, with what the runs saw and the seed', () => {
    const pass = { seed: 9, runs: 30, executed: 30 };
    const j = judgeProperty({ replay: pass, tally: { discarded: 20, 'handshake aborted': 10 } });
    expect(j).toMatchObject({ outcome: 'conforms', seen: '20 discarded, 10 handshake aborted', replay: pass });
    expect(j.actual).toContain('replay: --seed 9 --runs 30');
  });

  it('INJ-3: SMTP after any TLS records is a reply in clear; an alert alone is not', () => {
    const alert = '\x15\x03\x03\x00\x02\x02\x46';
    expect(smtpReplyIn('250 2.0.0 OK\r\n')).toBe(true);
    expect(smtpReplyIn(`${alert}500 unrecognized\r\n`)).toBe(true);
    expect(smtpReplyIn(alert)).toBe(false);
    expect(smtpReplyIn('junk')).toBe(false);
    const pass = { seed: 1, runs: 2, executed: 2 };
    expect(junkInsteadOfClientHello.judge({ replay: pass, tally: { 'STARTTLS refused': 2 } }).outcome).toBe('na');
    expect(junkInsteadOfClientHello.judge({ replay: pass, tally: { 'TLS alert': 1, closed: 1 } }).outcome).toBe('conforms');
    const failed = junkInsteadOfClientHello.judge({ replay, tally: {}, failure: { observation: { stage: 'after-junk', bytes: '250 OK\r\n', closed: false }, counterexample: '"NOOP\\r\\n"', firstRun: 1, shrinks: 0 } });
    expect(failed).toMatchObject({ outcome: 'violates', seen: 'plaintext SMTP reply' });
  });

  it('INJ-3: a refusal in clear executes nothing: with a close, or silence to the next NOOP, it conforms; a session that goes on in clear does not (chasquid)', () => {
    const refusal = '554 5.5.0 Error in TLS handshake: tls: first record does not look like a TLS handshake\r\n';
    expect(judgeRun({ stage: 'after-junk', bytes: refusal, closed: true })).toMatchObject({ violates: false, label: 'plaintext refusal, then close' });
    expect(judgeRun({ stage: 'after-junk', bytes: refusal, closed: false, after: { bytes: '', closed: true } })).toMatchObject({ violates: false, label: 'plaintext refusal, then close' });
    expect(judgeRun({ stage: 'after-junk', bytes: refusal, closed: false, after: { bytes: '', closed: false } })).toMatchObject({ violates: false, label: 'plaintext refusal, then silence' });
    const goesOn = judgeRun({ stage: 'after-junk', bytes: refusal, closed: false, after: { bytes: '250 2.0.0 You hear a faint typing noise.\r\n', closed: false } });
    expect(goesOn).toMatchObject({ violates: true, label: 'session went on in clear' });
    expect(goesOn.text).toContain('NOOP → 250 2.0.0 You hear a faint typing noise.');
    expect(goesOn.text).not.toContain('\\x0d');
    // The junk answered as a command is the finding, whatever follows.
    expect(judgeRun({ stage: 'after-junk', bytes: '250 2.0.0 OK\r\n', closed: true })).toMatchObject({ violates: true, label: 'plaintext SMTP reply' });
    expect(smtpReplyCode('\x15\x03\x03\x00\x02\x02\x46554 no\r\n')).toBe(554);
  });

  it('INJ-4: a reply in clear, or inside TLS before the client spoke, violates; a close, an alert or one reply to NOOP conforms', () => {
    const j = (o: Parameters<typeof plaintextBeforeClientHello.judge>[0]) => plaintextBeforeClientHello.judge(o);
    expect(j({ stage: 'before-handshake', bytes: '250-x\r\n', closed: false }).outcome).toBe('violates');
    expect(j({ stage: 'before-handshake', bytes: '\x15\x03\x03\x00\x02\x02\x46', closed: true }).seen).toBe('TLS alert');
    expect(j({ stage: 'before-handshake', bytes: '', closed: true }).seen).toBe('closed');
    expect(j({ stage: 'handshake-failed', reason: 'closed' }).outcome).toBe('conforms');
    expect(j({ stage: 'inside-tls', greeting: '220 hi', unsolicited: '250 x\r\n', replies: [] }).outcome).toBe('violates');
    expect(j({ stage: 'inside-tls', greeting: '220 hi', unsolicited: '', replies: ['250 ok', '250 ok\r\n'] }).outcome).toBe('violates');
    expect(j({ stage: 'inside-tls', greeting: '220 hi', unsolicited: '', replies: ['250 ok'] }).seen).toBe('ignored');
  });

  it('tallies most frequent first', () => {
    expect(tallyText({ a: 1, b: 3 })).toBe('3 b, 1 a');
  });
});
