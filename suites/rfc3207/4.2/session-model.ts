import fc from 'fast-check';
import { defineCase } from '../../../harness/model/case.ts';
import { realPasswordInClear } from '../../../harness/model/target.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import { startTls } from '../../../harness/run/case-context.ts';
import { checkProperty, closeRun, interruptedText, replayText, tallyText, type PropertyOutcome } from '../../../harness/run/property-check.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { ehloKeywords, replyText, type SmtpReply } from '../../../harness/smtp/reply.ts';
import { isMandatory, type Category, type Level } from '../../../harness/model/verdict.ts';
import type { SmtpSession } from '../../../harness/smtp/smtp-session.ts';
import type { WireLog } from '../../../harness/smtp/wire-log.ts';
import { PROBE_PLAIN } from '../common/state-reset.ts';

/**
 * Model-based exploration of a submission session on 587 (fast-check commands): random sequences
 * of EHLO, NOOP, RSET, MAIL, STARTTLS and AUTH, each reply checked against a model of what a
 * conforming server may answer in that state. Where the RFCs allow several replies the model
 * accepts all of them; it insists only on what a MUST (or the suite's own MUST-level policy) fixes.
 */
export interface SessionModel {
  tls: boolean;
  greeted: boolean;
  authenticated: boolean;
  mailOpen: boolean;
  /** Does the server refuse AUTH in a TLS session that never had an EHLO? Learned from a control session; undefined: unknown. */
  helloRequired: boolean | undefined;
  /** What last cleared an open transaction: a 503 to the next MAIL means that reset did not happen. */
  clearedBy?: 'tls' | 'ehlo' | 'rset';
  /** EHLOs sent since the connection opened or TLS started (see MAX_HELLOS). */
  hellos: number;
}

/**
 * EHLOs per session phase (before STARTTLS, and inside TLS). sendmail slows down the third and later
 * HELO/EHLO of a phase as an attack (MAXHELOCOMMANDS: 1, 2, 4, 8 s…), which says nothing about
 * the state the model checks, and past the reply timeout turned runs into harness errors.
 */
const MAX_HELLOS = 2;

export interface RealSession {
  ctx: CaseContext;
  session: SmtpSession;
  /** "command → reply" for every command run, for the report. */
  steps: string[];
  /** The server closed (421): the remaining commands are not sent. */
  ended: boolean;
  /** AUTH PLAIN carries the target's credentials (a target the harness owns), else a probe user's. */
  realCredentials: boolean;
  /** SHOULD-level breaches seen on the way (the run goes on after them). */
  notes: Note[];
  /** The server answers 554 to everything (RFC 3207 §4.1). */
  refusing554?: boolean;
  /** Commands the server refused (4xx/5xx) so far in this session. */
  refusals: number;
}

/**
 * A rule of the model: the requirement it rests on, the RFC keyword a breach is graded at, and whether
 * a breach is a security finding (something granted that must not be) or a plain conformance one.
 */
export interface Rule {
  requirement: string;
  level: Level;
  category: Category;
  /** Where the rule is written, for the report. */
  cite: string;
}

/** Every rule the model checks; a divergence names exactly one (the report files the finding under it). */
export const RULES = {
  stateKeptAcrossTls: { requirement: 'R3207-4.2a', level: 'MUST', category: 'security', cite: 'RFC 3207 §4.2' },
  starttlsAdvertisedInsideTls: { requirement: 'R3207-4.2c', level: 'MUST NOT', category: 'security', cite: 'RFC 3207 §4.2' },
  secondStarttlsAccepted: { requirement: 'R3207-4.2d', level: 'MUST', category: 'security', cite: 'RFC 3207 §4.2' },
  mailWithoutAuth: { requirement: 'R6409-4.3', level: 'MUST', category: 'conformance', cite: 'RFC 6409 §4.3' },
  authBeforeTls: { requirement: 'R4954-4x', level: 'MUST NOT', category: 'security', cite: 'RFC 4954 §4 says SHOULD NOT; MUST NOT is suite policy' },
  authNot503: { requirement: 'R4954-4b', level: 'MUST', category: 'conformance', cite: 'RFC 4954 §4' },
  validCredentialsRefused: { requirement: 'R4954-ok', level: 'MUST', category: 'conformance', cite: 'RFC 4954 §4, RFC 6409 §7' },
  ehloKeepsTransaction: { requirement: 'R5321-4.1.4', level: 'MUST', category: 'conformance', cite: 'RFC 5321 §4.1.4' },
  ehloRefusedWrongly: { requirement: 'R5321-4.1.4', level: 'MUST', category: 'conformance', cite: 'RFC 5321 §4.1.4' },
  rsetNot250: { requirement: 'R5321-rset', level: 'MUST', category: 'conformance', cite: 'RFC 5321 §4.1.1.5' },
  rsetKeepsTransaction: { requirement: 'R5321-rset', level: 'MUST', category: 'conformance', cite: 'RFC 5321 §4.1.1.5' },
  refused503BeforeEhlo: { requirement: 'R5321-4.1.4b', level: 'SHOULD', category: 'conformance', cite: 'RFC 5321 §4.1.4' },
  noopRefusedBeforeTls: { requirement: 'R3207-4d', level: 'SHOULD', category: 'conformance', cite: 'RFC 3207 §4' },
  closedWithoutReply: { requirement: 'R5321-close', level: 'MUST NOT', category: 'conformance', cite: 'RFC 5321 §3.8, §4.1.1.10' },
} as const satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

/** The server's reply is not one a conforming server may give in the model's state: `rule` says which rule it broke. */
export class Divergence extends Error {
  constructor(
    message: string,
    readonly rule: RuleName,
  ) {
    super(message);
  }
}

/** A breach of a SHOULD-level rule: recorded, and the sequence goes on, so that a MUST-level breach behind it is still found. */
export interface Note {
  rule: RuleName;
  text: string;
}

interface Expectation {
  /** In words, for the report. */
  what: string;
  accepts(reply: SmtpReply): boolean;
  /** The rule a reply outside `accepts` breaks (may depend on the reply). */
  rule: RuleName | ((reply: SmtpReply) => RuleName);
}

const refusal = (what: string, rule: Expectation['rule']): Expectation => ({ what, rule, accepts: (r) => r.code >= 400 && r.code < 600 });
const code = (what: string, rule: Expectation['rule'], ...codes: number[]): Expectation => ({ what, rule, accepts: (r) => codes.includes(r.code) });

/** Refusals after which a server may close the connection to defend itself (RFC 5321 §7.8). */
const DEFENCE_REFUSALS = 3;

/** Is a breach of this rule graded below MUST (WARN): then the run records it and goes on. */
const recordOnly = (rule: RuleName): boolean => !isMandatory((RULES[rule] as Rule).level);

async function send(real: RealSession, line: string, display: string, expectation: Expectation): Promise<SmtpReply | undefined> {
  if (real.ended) return undefined;
  let reply: SmtpReply;
  try {
    reply = await real.session.command(line, display === line ? undefined : display);
  } catch (err) {
    // A server hangs up without a reply only after 421 (RFC 5321 §3.8): a close here is the server's doing
    // (Dovecot 2.3's submission process dies at MAIL after a mid-transaction EHLO). A timeout stays a harness error.
    if (err instanceof HarnessError && err.code === 'closed') {
      // RFC 5321 §7.8: "it would be reasonable for the server to close the connection after generating an
      // appropriate number of 5yz (normally 550) replies" (Exim after smtp_max_synprot_errors). Three, as
      // RFC 4954 §9 asks before dropping after failed AUTHs, is taken as appropriate.
      if (real.refusals >= DEFENCE_REFUSALS) {
        real.steps.push(`${display} → connection closed after ${real.refusals} refusals (RFC 5321 §7.8)`);
        real.ended = true;
        return undefined;
      }
      real.steps.push(`${display} → connection closed`);
      throw new Divergence(`${display} → connection closed without a reply; a conforming server replies, and closes only after 421 or QUIT (RFC 5321 §3.8)`, 'closedWithoutReply');
    }
    throw err;
  }
  real.steps.push(`${display} → ${reply.code}`);
  if (reply.code >= 400) real.refusals += 1;
  // RFC 5321 §3.8: 421 may answer any command when the service must close.
  if (reply.code === 421) {
    real.ended = true;
    return undefined;
  }
  // RFC 3207 §4.1: a server that finds the session's security not high enough "SHOULD reply to every SMTP
  // command from the client (other than a QUIT command) with the 554 reply code". Once it has taken that
  // stance (Exim after a refused second STARTTLS), 554 is a conforming answer to anything, and changes nothing.
  if (reply.code === 554 && (real.refusing554 || !expectation.accepts(reply))) {
    real.refusing554 = true;
    return undefined;
  }
  if (!expectation.accepts(reply)) {
    const rule = typeof expectation.rule === 'function' ? expectation.rule(reply) : expectation.rule;
    const text = `${display} → ${replyText(reply)}; a conforming server answers ${expectation.what}`;
    if (!recordOnly(rule)) throw new Divergence(text, rule);
    real.notes.push({ rule, text });
    return reply;
  }
  return reply;
}

type Cmd = fc.AsyncCommand<SessionModel, RealSession>;

/** A MAIL that opens a transaction clears nothing; one that ends it records what did. */
function clearTransaction(m: SessionModel, by: NonNullable<SessionModel['clearedBy']>): void {
  if (m.mailOpen) m.clearedBy = by;
  m.mailOpen = false;
}

class Ehlo implements Cmd {
  constructor(private readonly name: string) {}
  check = (m: Readonly<SessionModel>) => m.hellos < MAX_HELLOS;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    m.hellos += 1;
    // RFC 5321 §4.1.4: an EHLO the server does not accept gets 501, 500, 502 or 550 (a policy refusal of
    // the name) and leaves the state alone; it binds only an EHLO "acceptable to the SMTP server", so a
    // repeated one may be refused too (OpenSMTPD: 503 "Already identified").
    const refusals = m.greeted ? [500, 501, 502, 503, 550] : [500, 501, 502, 550];
    const expected = code(`250, or ${refusals.join(', ')} refusing it (RFC 5321 §4.1.4)`, 'ehloRefusedWrongly', 250, ...refusals);
    const reply = await send(r, `EHLO ${this.name}`, `EHLO ${this.name}`, expected);
    if (!reply || reply.code !== 250) return;
    // RFC 3207 §4.2: STARTTLS is not advertised once TLS is up.
    if (m.tls && ehloKeywords(reply).has('STARTTLS')) throw new Divergence(`EHLO inside TLS → 250 advertising STARTTLS; RFC 3207 §4.2 forbids it`, 'starttlsAdvertisedInsideTls');
    // RFC 5321 §4.1.4: EHLO clears the transaction as RSET does.
    m.greeted = true;
    clearTransaction(m, 'ehlo');
  }
  toString = () => `EHLO ${this.name}`;
}

class Noop implements Cmd {
  check = () => true;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    // RFC 5321 §4.1.1.9 ("the receiver send a "250 OK" reply", no keyword); RFC 3207 §4 exempts NOOP from
    // the 530 of a server that requires TLS, and RFC 5321 §4.1.4 asks for no 503 before EHLO.
    const reply = await send(r, 'NOOP', 'NOOP', {
      what: '250 (RFC 5321 §4.1.1.9)',
      accepts: (x) => x.code === 250 || (m.tls && x.code >= 400),
      rule: (x) => (x.code === 503 && !m.greeted ? 'refused503BeforeEhlo' : 'noopRefusedBeforeTls'),
    });
    if (reply && reply.code !== 250) r.steps[r.steps.length - 1] += ' (no keyword binds NOOP\'s 250: recorded)';
  }
  toString = () => 'NOOP';
}

class Rset implements Cmd {
  check = () => true;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    // RFC 5321 §4.1.1.5: "The receiver MUST send a "250 OK" reply to a RSET command with no arguments."
    // Before TLS, RFC 3207 §4 lets a server that requires TLS answer 530 (RSET is not among its exceptions);
    // before EHLO, a 503 breaks RFC 5321 §4.1.4's SHOULD.
    const rule = (x: SmtpReply): RuleName => (x.code === 503 && !m.greeted ? 'refused503BeforeEhlo' : 'rsetNot250');
    const expected: Expectation = m.tls ? code('250 (RFC 5321 §4.1.1.5)', rule, 250) : code('250, or 530 before TLS (RFC 5321 §4.1.1.5, RFC 3207 §4)', rule, 250, 530);
    const reply = await send(r, 'RSET', 'RSET', expected);
    if (reply?.code === 250) clearTransaction(m, 'rset');
  }
  toString = () => 'RSET';
}

class Mail implements Cmd {
  check = () => true;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    const line = `MAIL FROM:<${r.ctx.credentials ? r.ctx.sender : r.ctx.probeSender}>`;
    let expected: Expectation;
    if (!m.tls) expected = refusal('a refusal: before TLS nobody is authenticated (RFC 6409 §4.3, RFC 3207 §4)', 'mailWithoutAuth');
    else if (!m.authenticated) expected = refusal('a refusal: MAIL without authentication (RFC 6409 §4.3)', 'mailWithoutAuth');
    else if (m.mailOpen) expected = code('503, or 250 restarting the transaction (RFC 5321 §4.1.1.2)', 'ehloKeepsTransaction', 503, 250);
    else if (!m.greeted) expected = { what: '250, 503 or a policy refusal', rule: 'mailWithoutAuth', accepts: (x) => x.code === 250 || (x.code >= 400 && x.code < 600) };
    else {
      // No transaction is open: a 503 (nested MAIL) says the last reset did not happen. A policy
      // refusal of the sender (RFC 6409 §6.1: 550 5.7.1) is a conforming answer.
      const rule: RuleName = m.clearedBy === 'tls' ? 'stateKeptAcrossTls' : m.clearedBy === 'rset' ? 'rsetKeepsTransaction' : 'ehloKeepsTransaction';
      expected = { what: `250 or a policy refusal, not 503: no transaction is open${m.clearedBy ? ` (the ${m.clearedBy === 'tls' ? 'TLS handshake' : m.clearedBy.toUpperCase()} cleared it)` : ''}`, rule, accepts: (x) => x.code === 250 || (x.code >= 400 && x.code < 600 && x.code !== 503) };
    }
    const reply = await send(r, line, line, expected);
    if (reply?.code === 250) {
      m.mailOpen = true;
      delete m.clearedBy;
    }
  }
  toString = () => 'MAIL';
}

class StartTls implements Cmd {
  check = () => true;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    if (m.tls) {
      // RFC 3207 §4.2: no second STARTTLS inside TLS; any refusal (454 and 5xx alike) conforms.
      await send(r, 'STARTTLS', 'STARTTLS', refusal('a refusal: TLS is already active (RFC 3207 §4.2)', 'secondStarttlsAccepted'));
      return;
    }
    // RFC 3207 §4 lists 220, 501 and 454, with no keyword; a server may refuse STARTTLS in a state it does
    // not take it in (before EHLO advertised it, after a transaction began: Courier's 540), so any
    // refusal is recorded, not graded. Only a reply that is neither 220 nor a refusal cannot be right.
    const reply = await send(r, 'STARTTLS', 'STARTTLS', { what: '220, or a refusal (RFC 3207 §4)', rule: 'ehloRefusedWrongly', accepts: (x) => x.code === 220 || (x.code >= 400 && x.code < 600) });
    if (reply?.code !== 220) return;
    await r.session.startTls();
    r.steps.push('[TLS]');
    // RFC 3207 §4.2: back to the state after the greeting; nothing learned before TLS survives.
    clearTransaction(m, 'tls');
    Object.assign(m, { tls: true, greeted: false, authenticated: false, hellos: 0 });
  }
  toString = () => 'STARTTLS';
}

class Auth implements Cmd {
  check = () => true;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    const blob = r.realCredentials ? Buffer.from(`\0${r.ctx.credentials!.user}\0${r.ctx.credentials!.password}`).toString('base64') : PROBE_PLAIN;
    const display = r.realCredentials ? 'AUTH PLAIN [credentials]' : 'AUTH PLAIN [probe credentials]';
    let expected: Expectation;
    const unknownHello = !m.greeted && m.helloRequired === undefined;
    if (!m.tls) expected = refusal('a refusal, never 235 or 334: PLAIN before TLS (RFC 4954 §4, RFC 8314)', 'authBeforeTls');
    else if (m.authenticated) expected = code('503 after a successful AUTH (RFC 4954 §4)', 'authNot503', 503);
    else if (m.mailOpen) expected = code('503 during a mail transaction (RFC 4954 §4)', 'authNot503', 503);
    else if (!m.greeted && m.helloRequired) expected = refusal('a refusal: no EHLO in this TLS session, and this server requires one (a session that never sent EHLO was refused)', 'stateKeptAcrossTls');
    // Wrong credentials accepted: anyone could submit.
    else if (!r.realCredentials) expected = refusal('a refusal of the probe credentials', 'mailWithoutAuth');
    else expected = unknownHello ? code('235, 454 or 503', 'validCredentialsRefused', 235, 454, 503) : code('235 or 454 (RFC 4954 §4, §6)', 'validCredentialsRefused', 235, 454);
    const reply = await send(r, `AUTH PLAIN ${blob}`, display, expected);
    if (reply?.code === 235) m.authenticated = true;
  }
  toString = () => 'AUTH';
}

const hostName = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/).map((label) => `${label}.model.msaspec.test`);

/**
 * At most 10 commands: a session never reaches a server's error limit (Postfix: 10 refusals, then
 * 1 s per reply). The commands that move the state (EHLO, STARTTLS, AUTH, MAIL) come more often than
 * NOOP and RSET, so that short sequences reach the states inside TLS.
 */
export const sessionCommands = fc.commands<SessionModel, RealSession, false>(
  [
    fc.oneof(
      { arbitrary: hostName.map((name): Cmd => new Ehlo(name)), weight: 3 },
      { arbitrary: fc.constant<Cmd>(new StartTls()), weight: 3 },
      { arbitrary: fc.constant<Cmd>(new Auth()), weight: 3 },
      { arbitrary: fc.constant<Cmd>(new Mail()), weight: 2 },
      { arbitrary: fc.constant<Cmd>(new Noop()), weight: 1 },
      { arbitrary: fc.constant<Cmd>(new Rset()), weight: 1 },
    ),
  ],
  { maxCommands: 10, size: 'max' },
);

/**
 * The systematic core, run first on every seed: each command first (right after the greeting), then
 * first again inside TLS, and once more after EHLO and AUTH there; then a transaction cleared by EHLO
 * inside TLS and a new one (RFC 5321 §4.1.4). A command whose precondition fails (a third EHLO in a
 * phase) is skipped, as in the generated sequences.
 */
export function sessionCore(): Cmd[][] {
  const ehlo = (label: string): Cmd => new Ehlo(`${label}.model.msaspec.test`);
  const each: (() => Cmd)[] = [() => ehlo('x'), () => new Noop(), () => new Rset(), () => new Mail(), () => new StartTls(), () => new Auth()];
  return [
    ...each.map((command) => [command(), ehlo('a'), new StartTls(), command(), ehlo('b'), new Auth(), command()]),
    [ehlo('a'), new StartTls(), ehlo('b'), new Auth(), new Mail(), ehlo('c'), new Mail()],
  ];
}

type RunObservation = {
  steps: string[];
  /** The MUST-level breach that ended the run, and the rule it broke. */
  divergence?: string;
  rule?: RuleName;
  /** SHOULD-level breaches the run went on after. */
  notes?: Note[];
  tls: boolean;
};
type Observation = PropertyOutcome<RunObservation> & { helloRequired?: boolean };

/** A TLS session that never sent EHLO: is AUTH refused there? */
async function learnHelloPolicy(ctx: CaseContext, realCredentials: boolean): Promise<boolean | undefined> {
  const session = await ctx.open('starttls');
  try {
    await startTls(session);
    const auth = realCredentials ? await ctx.authPlain(session) : await session.command(`AUTH PLAIN ${PROBE_PLAIN}`, 'AUTH PLAIN [probe credentials]');
    if (auth.code === 503) return true;
    return auth.code === 235 || auth.code === 535 ? false : undefined;
  } catch (err) {
    if (err instanceof HarnessError && err.code === 'tls') return undefined;
    throw err;
  } finally {
    await closeRun(session);
  }
}

async function runModel(ctx: CaseContext, cmds: Iterable<Cmd>, log: WireLog, helloRequired: boolean | undefined, realCredentials: boolean): Promise<RunObservation> {
  const session = await ctx.open('starttls', { log });
  const real: RealSession = { ctx, session, steps: [], ended: false, realCredentials, notes: [], refusals: 0 };
  const model: SessionModel = { tls: false, greeted: false, authenticated: false, mailOpen: false, helloRequired, hellos: 0 };
  const notes = () => (real.notes.length ? { notes: real.notes } : {});
  try {
    await fc.asyncModelRun(() => ({ model, real }), cmds);
    return { steps: real.steps, tls: model.tls, ...notes() };
  } catch (err) {
    if (err instanceof Divergence) return { steps: real.steps, divergence: err.message, rule: err.rule, tls: model.tls, ...notes() };
    throw err;
  } finally {
    await closeRun(session);
  }
}

export const sessionModel = defineCase<Observation>({
  id: 'rfc3207/4.2/session-model',
  title: 'Random EHLO/NOOP/RSET/MAIL/STARTTLS/AUTH sequences get the replies a conforming submission server may give',
  // Every rule of the model (RULES); a FAIL or WARN names the one its counterexample broke and is graded at
  // that rule's keyword (Judgement.breaks). Their single cases check most of them on their own too.
  requirements: [...new Set(Object.values(RULES).map((r) => r.requirement))],
  level: 'MUST',
  category: 'security',
  source: {
    rfc: 'RFC 3207',
    section: '4.2',
    text:
      '“Upon completion of the TLS handshake, the SMTP protocol is reset to the initial state (the state in SMTP after a server issues a 220 service ready greeting).” ' +
      '“The server MUST discard any knowledge obtained from the client, such as the argument to the EHLO command, which was not obtained from the TLS negotiation itself.” ' +
      'The rest of the model, each rule graded at its own keyword when a counterexample breaks it: RFC 4954 §4 (“After a successful AUTH command completes, a server MUST reject any further AUTH commands with a 503 reply.”), RFC 5321 §4.1.4 (“… the SMTP server MUST clear all buffers and reset the state exactly as if a RSET command had been issued.”), §4.1.1.5 (“The receiver MUST send a "250 OK" reply to a RSET command with no arguments.”), §4.1.1.10 (“The receiver MUST NOT intentionally close the transmission channel until it receives and replies to a QUIT command (even if there was an error).”), RFC 6409 §4.3 and RFC 3207 §4 (530 before TLS, SHOULD). Suite policy: AUTH PLAIN or LOGIN accepted before TLS is graded MUST NOT (R4954-4x; RFC 4954 §4 says SHOULD NOT).',
  },

  ports: ['starttls'],
  expected: [
    'every reply of every generated sequence is one the model of a conforming server allows in that state (where the RFCs allow several, any of them)',
    'the seed and run count are reported, so that the runs can be replayed',
  ],
  proof: {
    flaw: 'keep-ehlo',
    verdict: 'FAIL',
    // Exim's 554 to everything after a refused STARTTLS, Haraka's 500 to STARTTLS before EHLO, Courier's
    // refusal of STARTTLS after a transaction, chasquid's 421 and Exim's close after repeated refusals.
    greenOn: ['security-stance-554', 'starttls-before-ehlo-500', 'starttls-refused-after-transaction', 'too-many-errors-421', 'refusals-then-close'],
  },
  async run(ctx) {
    const realCredentials = realPasswordInClear(ctx.target) && ctx.credentials !== undefined;
    const helloRequired = await learnHelloPolicy(ctx, realCredentials);
    ctx.log.event(true, `control session without EHLO: AUTH ${helloRequired === undefined ? 'gave no clear answer' : helloRequired ? 'refused (503): this server requires EHLO' : 'not refused for want of EHLO'}`);
    const outcome = await checkProperty<Iterable<Cmd>, RunObservation>(ctx, {
      arbitrary: sessionCommands,
      core: sessionCore(),
      // 70 runs with the core: the core covers each command first; the random runs, the long tail (the bench budget bounds them).
      defaultRuns: 63,
      probe: (cmds, log) => runModel(ctx, cmds, log, helloRequired, realCredentials),
      violates: (o) => o.divergence !== undefined,
      label: (o) => (o.divergence ? 'divergence' : o.notes ? `deviation from a SHOULD (${[...new Set(o.notes.map((n) => RULES[n.rule].requirement))].join(', ')})` : o.tls ? 'conforming, with STARTTLS' : 'conforming, plaintext only'),
      // The failing step is in `steps` too: the divergence names it with the reply.
      describe: (cmds, o) => (o ? (o.divergence ? [...o.steps.slice(0, -1), `✗ ${o.divergence}`] : o.steps).join(', ') : [...cmds].map(String).join(', ')),
    });
    return { ...outcome, ...(helloRequired !== undefined ? { helloRequired } : {}) };
  },
  judge(o) {
    const replay = replayText(o.replay);
    if (o.failure) {
      const rule = RULES[o.failure.observation.rule ?? 'stateKeptAcrossTls'];
      return {
        outcome: 'violates',
        actual: `Breaks ${rule.requirement} (${rule.level}, ${rule.cite}). Shrunk sequence (first failing run ${o.failure.firstRun}, ${o.failure.shrinks} shrinks): ${o.failure.counterexample}. ${replay}`,
        seen: `divergence from the model: ${rule.requirement}`,
        replay: o.replay,
        breaks: { requirements: [rule.requirement], level: rule.level, category: rule.category },
      };
    }
    // No MUST-level breach: the SHOULD-level ones the runs went on after make the finding (WARN).
    const noted = (o.observations ?? []).filter((run) => run.notes?.length);
    if (noted.length > 0) {
      const rules = [...new Set(noted.flatMap((run) => run.notes!.map((n) => n.rule)))];
      const first = noted[0]!;
      const requirements = [...new Set(rules.map((r) => RULES[r].requirement))];
      return {
        outcome: 'violates',
        actual: `No MUST-level divergence in ${o.replay.executed} sequences, but ${noted.length} met a SHOULD-level one (${requirements.join(', ')}); first: ${first.notes![0]!.text} (${RULES[first.notes![0]!.rule].cite}; sequence: ${first.steps.join(', ')}). ${replay}`,
        seen: `deviation from a SHOULD: ${requirements.join(', ')}`,
        replay: o.replay,
        breaks: { requirements, level: 'SHOULD', category: 'conformance' },
      };
    }
    return { outcome: 'conforms', actual: `${o.replay.executed} generated sequences, every reply allowed by the model${interruptedText(o)}: ${tallyText(o.tally)}. ${replay}`, seen: tallyText(o.tally), replay: o.replay };
  },
});

export default sessionModel;
