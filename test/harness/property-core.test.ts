import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../app/cli/project-root.ts';
import { attackerAuth, injectionWrites, THEFT_CHAIN, type InjectionInput } from '../../suites/injection/common/generated-payloads.ts';
import { ENDINGS, FIRST_VERBS, pipelineCore, theftChainCore, WRITE_KIND_NAMES } from '../../suites/injection/common/injection-core.ts';
import { JUNK_COMMANDS, JUNK_ENDINGS, junkCore } from '../../suites/injection/3/junk-instead-of-client-hello.ts';
import { sessionCore } from '../../suites/rfc3207/4.2/session-model.ts';
import { resetCore } from '../../suites/rfc3207/4.2/reset-generated.ts';
import { generatedSmuggling, smugglingCore, smugglingWrites } from '../../suites/smuggling/common/generated-look-alikes.ts';
import { CLASSIC_LOOK_ALIKES, holdsRealEnd, lookAlikeBytes, showLookAlike } from '../../suites/smuggling/common/look-alikes.ts';

/**
 * The systematic core of every property-based case, measured: not "a seed finds it" but what the
 * inputs that run first on every seed cover. The injection cores are measured on the bytes they put
 * on the wire (injectionWrites), with the target's credentials and with the probe user's, whose AUTH
 * lines differ in length.
 */

/** Every case whose run goes through checkProperty has its core measured here (by case id). */
const MEASURED = [
  'injection/2/generated-pipelines',
  'injection/2/credential-theft-chain',
  'injection/3/junk-instead-of-client-hello',
  'rfc3207/4.2/reset-generated',
  'rfc3207/4.2/session-model',
  'smuggling/4.1.1.4/generated-look-alikes',
];

function suiteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? suiteFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const AUTHS = [attackerAuth({ user: 'alice', password: 'hunter2-secret' }, false), attackerAuth(undefined, true)];

/** What one injection input puts on the wire, read back from its writes. */
interface OnTheWire {
  verb: string;
  ending: 'crlf' | 'lf' | 'mixed';
  lastLineBareLf: boolean;
  write: string;
  /** Injected octets read with STARTTLS (before the 220). */
  early: number;
  size: number;
}

function onTheWire(input: InjectionInput, auth = AUTHS[0]!): OnTheWire {
  const writes = injectionWrites(input, auth);
  expect(writes[0]!.bytes.startsWith('STARTTLS\r\n')).toBe(true);
  const parts = writes.map((w, i) => ({ bytes: i === 0 ? w.bytes.slice('STARTTLS\r\n'.length) : w.bytes, late: w.afterReady })).filter((p) => p.bytes);
  const payload = parts.map((p) => p.bytes).join('');
  const lines = payload.match(/[^\n]*\n/g) ?? [];
  expect(lines.join('')).toBe(payload);
  const crlf = lines.filter((l) => l.endsWith('\r\n')).length;
  const early = parts.filter((p) => !p.late);
  const late = parts.filter((p) => p.late);
  let write: string;
  if (late.length === 0) write = early.length === 1 ? (writes[0]!.bytes === 'STARTTLS\r\n' ? 'STARTTLS alone, then the injection' : 'one write') : 'a cut inside the injection';
  else write = early.length === 0 ? 'all of it after the 220' : 'its second half after the 220';
  return {
    verb: (/^\S+/.exec(payload)?.[0] ?? '').toUpperCase(),
    ending: crlf === lines.length ? 'crlf' : crlf === 0 ? 'lf' : 'mixed',
    lastLineBareLf: !lines.at(-1)!.endsWith('\r\n'),
    write,
    early: early.reduce((n, p) => n + p.bytes.length, 0),
    size: payload.length,
  };
}

/** Every pair of the two factors' levels occurs in the core. */
function expectPairs<A, B>(seen: readonly [A, B][], as: readonly A[], bs: readonly B[], what: string): void {
  const pairs = new Set(seen.map(([a, b]) => JSON.stringify([a, b])));
  for (const a of as) for (const b of bs) expect(pairs.has(JSON.stringify([a, b])), `${what}: ${String(a)} × ${String(b)}`).toBe(true);
}

describe('every property-based case has a measured core', () => {
  it('the cases that call checkProperty are exactly the ones measured here', () => {
    const ids: string[] = [];
    for (const file of suiteFiles(join(PROJECT_ROOT, 'suites'))) {
      const text = readFileSync(file, 'utf8');
      if (!/\b(checkProperty|injectionProperty)\s*[<(]/.test(text)) continue;
      ids.push(...[...text.matchAll(/\bid: '([^']+)'/g)].map((m) => m[1]!));
    }
    expect(ids.sort()).toEqual([...MEASURED].sort());
  });
});

describe('injection/2/generated-pipelines: every verb first × every write kind, every ending, over 4 KiB', () => {
  const core = pipelineCore();

  it.each(AUTHS.map((a) => [a.display.startsWith('AUTH PLAIN [') ? 'target credentials' : 'probe user', a] as const))('measured on the wire (%s)', (_name, auth) => {
    const wire = core.map((input) => onTheWire(input, auth));
    const small = wire.filter((w) => w.size <= 4096);
    expectPairs(
      small.map((w) => [w.verb, w.write]),
      FIRST_VERBS,
      WRITE_KIND_NAMES,
      'verb first × write kind',
    );
    expectPairs(
      small.map((w) => [w.verb, w.ending]),
      FIRST_VERBS,
      ENDINGS,
      'verb first × ending',
    );
    expectPairs(
      small.map((w) => [w.write, w.ending]),
      WRITE_KIND_NAMES,
      ENDINGS,
      'write kind × ending',
    );
    // Past 4 KiB, read with STARTTLS, under every ending.
    expect(new Set(wire.filter((w) => w.early > 4096).map((w) => w.ending))).toEqual(new Set(ENDINGS));
    // "mixed" ends in a bare-LF line: after the last CRLF, where a CRLF-bounded purge stops.
    for (const w of wire.filter((x) => x.ending === 'mixed')) expect(w.lastLineBareLf).toBe(true);
  });

  it('the first seven runs are each verb first, in one write: the simplest variant of each comes first', () => {
    expect(core.slice(0, FIRST_VERBS.length).map((input) => onTheWire(input)).map((w) => [w.verb, w.write])).toEqual(FIRST_VERBS.map((v) => [v, 'one write']));
  });

  it('38 runs: 35 for the pairs, 3 for the size', () => {
    expect(core).toHaveLength(FIRST_VERBS.length * WRITE_KIND_NAMES.length + ENDINGS.length);
  });
});

describe('injection/2/credential-theft-chain: every ending × every write kind, both sizes', () => {
  const core = theftChainCore();

  it.each(AUTHS.map((a, i) => [i === 0 ? 'target credentials' : 'probe user', a] as const))('measured on the wire (%s)', (_name, auth) => {
    const wire = core.map((input) => onTheWire(input, auth));
    for (const input of core) expect(input.commands).toEqual(THEFT_CHAIN);
    expectPairs(
      wire.map((w) => [w.ending, w.write]),
      ENDINGS,
      WRITE_KIND_NAMES,
      'ending × write kind',
    );
    const size = (w: OnTheWire) => (w.size > 4096 ? 'over 4 KiB' : 'small');
    expectPairs(
      wire.map((w) => [w.ending, size(w)]),
      ENDINGS,
      ['small', 'over 4 KiB'],
      'ending × size',
    );
    expectPairs(
      wire.map((w) => [w.write, size(w)]),
      WRITE_KIND_NAMES,
      ['small', 'over 4 KiB'],
      'write kind × size',
    );
    expect(wire.some((w) => w.early > 4096)).toBe(true);
    expect(core).toHaveLength(ENDINGS.length * WRITE_KIND_NAMES.length);
  });
});

describe('injection/3/junk-instead-of-client-hello: every SMTP line × every ending', () => {
  it('12 runs, the CRLF NOOP (the classic probe) first', () => {
    const core = junkCore();
    expectPairs(
      core.map((j) => [j.text, j.ending]),
      JUNK_COMMANDS,
      JUNK_ENDINGS,
      'line × ending',
    );
    expect(core[0]).toEqual({ text: 'NOOP', ending: '\r\n' });
    expect(core).toHaveLength(JUNK_COMMANDS.length * JUNK_ENDINGS.length);
  });
});

describe('rfc3207/4.2/reset-generated: each pre-TLS command first, each state probed', () => {
  const core = resetCore();
  const verb = (line: string) => line.split(' ')[0]!;

  it('each command first after the greeting, behind EHLO and behind HELO', () => {
    expect(new Set(core.map((r) => verb(r.history[1]!)))).toEqual(new Set(['NOOP', 'RSET', 'EHLO', 'HELO', 'MAIL', 'RCPT', 'AUTH']));
    expect(new Set(core.map((r) => verb(r.history[0]!)))).toEqual(new Set(['EHLO', 'HELO']));
  });

  it('each state the history sets up is the one probed: the EHLO name, the envelope, the authentication', () => {
    const preferred = (r: (typeof core)[number]) => r.prefer[0];
    for (const r of core) {
      const sets = r.history.includes('AUTH') ? 'auth' : r.history.some((c) => verb(c) === 'MAIL') ? 'envelope' : 'ehlo';
      expect(preferred(r), r.history.join(', ')).toBe(sets);
    }
    expect(new Set(core.map(preferred))).toEqual(new Set(['ehlo', 'envelope', 'auth']));
  });

  it('the plainest history runs first', () => {
    expect(core[0]!.history.map(verb)).toEqual(['EHLO', 'NOOP']);
  });
});

describe('rfc3207/4.2/session-model: each command first, and first again inside TLS', () => {
  const core = sessionCore().map((seq) => [...seq].map((c) => String(c).split(' ')[0]!));
  const COMMANDS = ['EHLO', 'NOOP', 'RSET', 'MAIL', 'STARTTLS', 'AUTH'];

  it('each command opens a sequence, comes right after its STARTTLS, and once more after AUTH', () => {
    expect(new Set(core.map((seq) => seq[0]))).toEqual(new Set(COMMANDS));
    for (const command of COMMANDS) {
      const seq = core.find((s) => s[0] === command)!;
      const tls = seq.indexOf('STARTTLS', command === 'STARTTLS' ? 1 : 0);
      expect(seq[tls + 1], seq.join(', ')).toBe(command);
      expect(seq.slice(seq.indexOf('AUTH', tls)).at(-1), seq.join(', ')).toBe(command);
    }
  });

  it('no sequence is longer than the generated ones (10 commands)', () => {
    for (const seq of core) expect(seq.length).toBeLessThanOrEqual(10);
  });
});

describe('smuggling/4.1.1.4/generated-look-alikes: every classic look-alike, pipelined and not, whole and cut at every octet', () => {
  const core = smugglingCore();
  const SMUGGLED = ['MAIL FROM:<a@example.test>\r\n', 'RCPT TO:<b@example.test>\r\n', 'DATA\r\n', 'Subject: s\r\n\r\ns\r\n'];
  const HEAD = 'Subject: p\r\n\r\nfirst message';

  /** Measured on the writes: how the look-alike leaves (whole, or each octet alone) and whether the smuggled lines wait. */
  const onTheWire = (input: (typeof core)[number]) => {
    const writes = smugglingWrites(input, HEAD, SMUGGLED);
    const lookAlike = lookAlikeBytes(input);
    const split = writes.filter((w) => lookAlike.includes(w.bytes) && w.bytes.length <= 1).length === lookAlike.length;
    const pipelined = writes.every((w) => !w.pause);
    expect(writes.map((w) => w.bytes).join('')).toBe(HEAD + lookAlike + SMUGGLED.join(''));
    return { lookAlike: showLookAlike(input), cut: split ? 'every octet' : 'whole', pipelined };
  };

  it('each classic look-alike meets both ways of sending the smuggled lines, and each of those both ways of cutting', () => {
    const wire = core.map(onTheWire);
    expectPairs(wire.map((w) => [w.lookAlike, w.pipelined]), CLASSIC_LOOK_ALIKES.map(showLookAlike), [true, false], 'look-alike × pipelined');
    expectPairs(wire.map((w) => [w.pipelined, w.cut]), [true, false], ['whole', 'every octet'], 'pipelined × cut');
  });

  it('without PIPELINING every smuggled line waits for a pause, the first right behind the look-alike', () => {
    for (const input of core.filter((i) => !i.pipelined)) {
      const writes = smugglingWrites(input, HEAD, SMUGGLED);
      expect(writes.filter((w) => w.pause).map((w) => w.bytes)).toEqual(SMUGGLED);
    }
  });

  it('no input holds the real end of data, in the core or generated', () => {
    for (const input of [...core, ...fc.sample(generatedSmuggling, { seed: 7, numRuns: 500 })]) expect(holdsRealEnd(input), showLookAlike(input)).toBe(false);
  });

  it('20 runs, <LF>.<LF> pipelined in one write first', () => {
    expect(core).toHaveLength(CLASSIC_LOOK_ALIKES.length * 2);
    expect(onTheWire(core[0]!)).toEqual({ lookAlike: '<LF>.<LF>', cut: 'whole', pipelined: true });
  });
});
