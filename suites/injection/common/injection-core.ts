import { ATTACKER_MAIL, ATTACKER_RCPT, AUTH, THEFT_CHAIN, type Endings, type InjectionInput } from './generated-payloads.ts';

/**
 * The systematic cores of the INJ-2 property cases: inputs that run first, on every seed, before the
 * random ones. A server that runs injected plaintext only in one simple circumstance (when the first
 * injected command is MAIL, when the lines end in a bare LF, when the bytes come after the 220) is
 * then found whatever the seed, instead of at run 271 of 300. test/harness/property-core.test.ts
 * measures what each core covers, from the bytes its inputs put on the wire.
 */

/** The injected command of each verb when it comes first; the generator's own command lines. */
export const FIRST_COMMANDS = {
  NOOP: 'NOOP',
  RSET: 'RSET',
  EHLO: 'EHLO core.attacker.example',
  MAIL: ATTACKER_MAIL,
  RCPT: ATTACKER_RCPT,
  AUTH,
  DATA: 'DATA',
} as const;

export type FirstVerb = keyof typeof FIRST_COMMANDS;
export const FIRST_VERBS = Object.keys(FIRST_COMMANDS) as FirstVerb[];
export const ENDINGS: readonly Endings[] = ['crlf', 'lf', 'mixed'];

/**
 * How the injected bytes are written, as the generator's cuts and late part: before the 220 the
 * writes leave corked (the server reads them with STARTTLS), after it they reach the server in a later
 * read, before the ClientHello. Per mille of the injected bytes; a cut never falls inside an AUTH line.
 */
export const WRITE_KINDS = {
  'one write': { cuts: [], lateFrom: null },
  'STARTTLS alone, then the injection': { cuts: [0], lateFrom: null },
  'a cut inside the injection': { cuts: [500], lateFrom: null },
  'all of it after the 220': { cuts: [], lateFrom: 0 },
  'its second half after the 220': { cuts: [], lateFrom: 500 },
} as const satisfies Record<string, Pick<InjectionInput, 'cuts' | 'lateFrom'>>;

export type WriteKind = keyof typeof WRITE_KINDS;
export const WRITE_KIND_NAMES = Object.keys(WRITE_KINDS) as WriteKind[];

/** Padding lines that take the injection past 4 KiB (9 × 495 octets), the size a one-block purge misses. */
export const LARGE_PADDING = 9;

/** "mixed": lines alternate, the last one ending in a bare LF (after the last CRLF, where a CRLF-bounded purge stops). */
export function mixedBits(lines: number): number {
  let bits = 0;
  for (let i = lines - 1; i >= 0; i -= 2) bits |= 1 << i % 31;
  return bits;
}

function input(padding: number, commands: string[], endings: Endings, kind: WriteKind): InjectionInput {
  const { cuts, lateFrom } = WRITE_KINDS[kind];
  return { padding, commands, endings, lfBits: endings === 'mixed' ? mixedBits(padding + commands.length) : 0, cuts: [...cuts], lateFrom };
}

/**
 * injection/2/generated-pipelines: every verb first × every write kind (35 runs, write kind by write
 * kind, so the first seven are each verb in one write), then NOOP behind it; the endings rotate so
 * that every verb meets every ending and every write kind meets every ending (ending = verb index +
 * write kind index, mod 3). Then the size: three runs over 4 KiB, one per ending, written before the 220.
 */
export function pipelineCore(): InjectionInput[] {
  const core: InjectionInput[] = [];
  WRITE_KIND_NAMES.forEach((kind, w) => {
    FIRST_VERBS.forEach((verb, v) => core.push(input(0, [FIRST_COMMANDS[verb], 'NOOP'], ENDINGS[(v + w) % ENDINGS.length]!, kind)));
  });
  ENDINGS.forEach((endings, e) => core.push(input(LARGE_PADDING, ['NOOP'], endings, WRITE_KIND_NAMES[e]!)));
  return core;
}

/**
 * injection/2/credential-theft-chain: the chain under every ending × every write kind (15 runs, the
 * plain chain in one CRLF write first); one run in three is over 4 KiB (padding before the chain),
 * placed so that every ending and every write kind meets both sizes (large when ending index + write
 * kind index is 1 mod 3).
 */
export function theftChainCore(): InjectionInput[] {
  const core: InjectionInput[] = [];
  WRITE_KIND_NAMES.forEach((kind, w) => {
    ENDINGS.forEach((endings, e) => core.push(input((e + w) % 3 === 1 ? LARGE_PADDING : 0, [...THEFT_CHAIN], endings, kind)));
  });
  return core;
}
