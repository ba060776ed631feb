import fc from 'fast-check';
import { defineCase } from '../../harness/model/case.ts';
import type { CaseContext } from '../../harness/run/case-context.ts';
import { startTls } from '../../harness/run/case-context.ts';
import { checkProperty, closeRun, interruptedText, replayText, tallyText, type PropertyOutcome } from '../../harness/run/property-check.ts';
import { HarnessError } from '../../harness/smtp/errors.ts';
import { ehloKeywords, replyText, type SmtpReply } from '../../harness/smtp/reply.ts';
import type { SmtpSession } from '../../harness/smtp/smtp-session.ts';
import type { WireLog } from '../../harness/smtp/wire-log.ts';
import { PROBE_PLAIN } from './state-reset.ts';

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
}

/** The server's reply is not one a conforming server may give in the model's state. */
export class Divergence extends Error {}

interface Expectation {
  /** In words, for the report. */
  what: string;
  accepts(reply: SmtpReply): boolean;
}

const refusal = (what: string): Expectation => ({ what, accepts: (r) => r.code >= 400 && r.code < 600 });
const code = (what: string, ...codes: number[]): Expectation => ({ what, accepts: (r) => codes.includes(r.code) });

async function send(real: RealSession, line: string, display: string, expectation: Expectation): Promise<SmtpReply | undefined> {
  if (real.ended) return undefined;
  let reply: SmtpReply;
  try {
    reply = await real.session.command(line, display === line ? undefined : display);
  } catch (err) {
    // A server hangs up without a reply only after 421 (RFC 5321 §3.8): a close here is the server's doing
    // (Dovecot 2.3's submission process dies at MAIL after a mid-transaction EHLO). A timeout stays a harness error.
    if (err instanceof HarnessError && err.code === 'closed') {
      real.steps.push(`${display} → connection closed`);
      throw new Divergence(`${display} → connection closed without a reply; a conforming server replies, and closes only after 421 or QUIT (RFC 5321 §3.8)`);
    }
    throw err;
  }
  real.steps.push(`${display} → ${reply.code}`);
  // RFC 5321 §3.8: 421 may answer any command when the service must close.
  if (reply.code === 421) {
    real.ended = true;
    return undefined;
  }
  if (!expectation.accepts(reply)) {
    throw new Divergence(`${display} → ${replyText(reply)}; a conforming server answers ${expectation.what}`);
  }
  return reply;
}

type Cmd = fc.AsyncCommand<SessionModel, RealSession>;

class Ehlo implements Cmd {
  constructor(private readonly name: string) {}
  check = (m: Readonly<SessionModel>) => m.hellos < MAX_HELLOS;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    m.hellos += 1;
    // RFC 5321 §4.1.4 binds only an EHLO "acceptable to the SMTP server": a repeated one may be refused
    // (OpenSMTPD: 503 "Already identified"), and a refused EHLO resets nothing.
    const expected = m.greeted ? code('250, or 503 to a repeated EHLO (RFC 5321 §4.1.1.1, §4.1.4)', 250, 503) : code('250 (RFC 5321 §4.1.1.1)', 250);
    const reply = await send(r, `EHLO ${this.name}`, `EHLO ${this.name}`, expected);
    if (!reply || reply.code === 503) return;
    // RFC 3207 §4.2: STARTTLS is not advertised once TLS is up.
    if (m.tls && ehloKeywords(reply).has('STARTTLS')) throw new Divergence(`EHLO inside TLS → 250 advertising STARTTLS; RFC 3207 §4.2 forbids it`);
    // RFC 5321 §4.1.4: EHLO clears the transaction as RSET does.
    m.greeted = true;
    m.mailOpen = false;
  }
  toString = () => `EHLO ${this.name}`;
}

class Noop implements Cmd {
  check = () => true;
  async run(_m: SessionModel, r: RealSession): Promise<void> {
    // RFC 5321 §4.1.1.9; RFC 3207 §4 lets NOOP through before TLS.
    await send(r, 'NOOP', 'NOOP', code('250 (RFC 5321 §4.1.1.9)', 250));
  }
  toString = () => 'NOOP';
}

class Rset implements Cmd {
  check = () => true;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    // RFC 5321 §4.1.1.5 asks for 250; before TLS, RFC 3207 §4 allows 530 for everything but NOOP, EHLO, STARTTLS, QUIT.
    const reply = await send(r, 'RSET', 'RSET', m.tls ? code('250 (RFC 5321 §4.1.1.5)', 250) : code('250, or 530 before TLS (RFC 3207 §4)', 250, 530));
    if (reply?.code === 250) m.mailOpen = false;
  }
  toString = () => 'RSET';
}

class Mail implements Cmd {
  check = () => true;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    const line = `MAIL FROM:<${r.ctx.credentials?.user ?? 'probe'}@example.test>`;
    let expected: Expectation;
    if (!m.tls) expected = refusal('a refusal: before TLS nobody is authenticated (RFC 6409 §4.3, RFC 3207 §4)');
    else if (!m.authenticated) expected = refusal('a refusal: MAIL without authentication (RFC 6409 §4.3)');
    else if (m.mailOpen) expected = code('503, or 250 restarting the transaction (RFC 5321 §4.1.1.2)', 503, 250);
    else if (!m.greeted) expected = { what: '250, 503 or a policy refusal', accepts: (x) => x.code === 250 || (x.code >= 400 && x.code < 600) };
    // No transaction is open: 503 (bad sequence) cannot be right; a policy refusal can.
    else expected = { what: '250 or a policy refusal, not 503: no transaction is open', accepts: (x) => x.code === 250 || (x.code >= 400 && x.code < 600 && x.code !== 503) };
    const reply = await send(r, line, line, expected);
    if (reply?.code === 250) m.mailOpen = true;
  }
  toString = () => 'MAIL';
}

class StartTls implements Cmd {
  check = () => true;
  async run(m: SessionModel, r: RealSession): Promise<void> {
    if (m.tls) {
      // RFC 3207 §4.2: no second STARTTLS inside TLS.
      await send(r, 'STARTTLS', 'STARTTLS', refusal('a refusal: TLS is already active (RFC 3207 §4.2)'));
      return;
    }
    const allowed = m.greeted ? code('220, or 454 (RFC 3207 §4)', 220, 454) : code('220, 454, or 503 without EHLO (RFC 3207 §4)', 220, 454, 503);
    const reply = await send(r, 'STARTTLS', 'STARTTLS', allowed);
    if (reply?.code !== 220) return;
    await r.session.startTls();
    r.steps.push('[TLS]');
    // RFC 3207 §4.2: back to the state after the greeting; nothing learned before TLS survives.
    Object.assign(m, { tls: true, greeted: false, authenticated: false, mailOpen: false, hellos: 0 });
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
    if (!m.tls) expected = refusal('a refusal, never 235 or 334: PLAIN before TLS (RFC 4954 §4, RFC 8314)');
    else if (m.authenticated) expected = code('503 after a successful AUTH (RFC 4954 §4)', 503);
    else if (m.mailOpen) expected = code('503 during a mail transaction (RFC 4954 §4)', 503);
    else if (!m.greeted && m.helloRequired) expected = refusal('a refusal: no EHLO in this TLS session, and this server requires one (a session that never sent EHLO was refused)');
    else if (!r.realCredentials) expected = refusal('a refusal of the probe credentials');
    else expected = unknownHello ? code('235, 454 or 503', 235, 454, 503) : code('235 or 454 (RFC 4954 §4, §6)', 235, 454);
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

type RunObservation = { steps: string[]; divergence?: string; tls: boolean };
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
  const real: RealSession = { ctx, session, steps: [], ended: false, realCredentials };
  const model: SessionModel = { tls: false, greeted: false, authenticated: false, mailOpen: false, helloRequired, hellos: 0 };
  try {
    await fc.asyncModelRun(() => ({ model, real }), cmds);
    return { steps: real.steps, tls: model.tls };
  } catch (err) {
    if (err instanceof Divergence) return { steps: real.steps, divergence: err.message, tls: model.tls };
    throw err;
  } finally {
    await closeRun(session);
  }
}

export const sessionModel = defineCase<Observation>({
  id: 'rfc3207/4.2/session-model',
  title: 'Random EHLO/NOOP/RSET/MAIL/STARTTLS/AUTH sequences get the replies a conforming submission server may give',
  // The model also holds RFC 4954 §4, RFC 6409 §4.3 and RFC 5321 §4.1.4 (see source); their own cases cite those IDs.
  // Every rule of the model; a FAIL or WARN names the one its counterexample broke (Judgement.breaks).
  requirements: ['R3207-4.2a', 'R3207-4.2c', 'R3207-4.2d', 'R3207-4d', 'R6409-4.3', 'R4954-4x', 'R4954-4b', 'R5321-4.1.4', 'R5321-4.1.4b', 'R5321-rset', 'R5321-close'],
  level: 'MUST',
  category: 'security',
  source: {
    rfc: 'RFC 3207',
    section: '4.2',
    text: 'After the TLS handshake the session is back in its initial state (no EHLO, no transaction, no authentication); before it, nothing that needs TLS or authentication is granted; RFC 4954 §4 and RFC 5321 §4.1.4 fix the rest of the model (503 to a second AUTH or AUTH in a transaction; EHLO clears a transaction).',
  },
  ports: ['starttls'],
  expected: [
    'every reply of every generated sequence is one the model of a conforming server allows in that state (where the RFCs allow several, any of them)',
    'the seed and run count are reported, so that the runs can be replayed',
  ],
  async run(ctx) {
    const realCredentials = ctx.target.kind !== 'external' && ctx.credentials !== undefined;
    const helloRequired = await learnHelloPolicy(ctx, realCredentials);
    ctx.log.event(true, `control session without EHLO: AUTH ${helloRequired === undefined ? 'gave no clear answer' : helloRequired ? 'refused (503): this server requires EHLO' : 'not refused for want of EHLO'}`);
    const outcome = await checkProperty<Iterable<Cmd>, RunObservation>(ctx, {
      arbitrary: sessionCommands,
      core: sessionCore(),
      // 100 runs with the core.
      defaultRuns: 93,
      probe: (cmds, log) => runModel(ctx, cmds, log, helloRequired, realCredentials),
      violates: (o) => o.divergence !== undefined,
      label: (o) => (o.divergence ? 'divergence' : o.tls ? 'conforming, with STARTTLS' : 'conforming, plaintext only'),
      // The failing step is in `steps` too: the divergence names it with the reply.
      describe: (cmds, o) => (o ? (o.divergence ? [...o.steps.slice(0, -1), `✗ ${o.divergence}`] : o.steps).join(', ') : [...cmds].map(String).join(', ')),
    });
    return { ...outcome, ...(helloRequired !== undefined ? { helloRequired } : {}) };
  },
  judge(o) {
    const replay = replayText(o.replay);
    if (o.failure) {
      return {
        outcome: 'violates',
        actual: `Shrunk sequence (first failing run ${o.failure.firstRun}, ${o.failure.shrinks} shrinks): ${o.failure.counterexample}. ${replay}`,
        seen: 'divergence from the model',
        replay: o.replay,
      };
    }
    return { outcome: 'conforms', actual: `${o.replay.executed} generated sequences, every reply allowed by the model${interruptedText(o)}: ${tallyText(o.tally)}. ${replay}`, seen: tallyText(o.tally), replay: o.replay };
  },
});
