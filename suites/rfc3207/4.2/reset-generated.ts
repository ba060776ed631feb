import fc from 'fast-check';
import { defineCase, type Judgement } from '../../../harness/model/case.ts';
import { realPasswordInClear } from '../../../harness/model/target.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import { checkProperty, closeRun, counterexampleOrigin, interruptedText, replayText, tallyText, type PropertyOutcome } from '../../../harness/run/property-check.ts';
import { awaitRelayed, probeMessageId, receivedNaming, submitMessage } from '../../../harness/run/relayed-message.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText, type SmtpReply } from '../../../harness/smtp/reply.ts';
import type { SmtpSession } from '../../../harness/smtp/smtp-session.ts';
import { authForgottenAfterTls } from './auth-forgotten.ts';
import { ehloForgottenAfterTls } from './ehlo-forgotten.ts';
import { envelopeForgottenAfterTls } from './envelope-forgotten.ts';
import {
  EHLO_FORGOTTEN_CODE,
  helloControl,
  CLEARTEXT_OPT_IN,
  PRE_TLS_NAME,
  PROBE_PLAIN,
  probeEnvelope,
  type AuthObservation,
  type EhloObservation,
  type EnvelopeObservation,
} from '../common/state-reset.ts';

/**
 * R3207-4.2a under generated pre-TLS histories: EHLO/HELO with generated names, NOOP, RSET, MAIL,
 * RCPT and AUTH in any order before STARTTLS; after the handshake one probe of the state the history
 * set up, judged by the oracle of the matching single case (rfc3207/4.2/*-forgotten).
 */
type Probe = 'auth' | 'envelope' | 'ehlo';

export interface ResetInput {
  history: string[];
  /** Which state to probe when the history set up several. */
  prefer: Probe[];
}

type RunObservation =
  | { probe: 'none'; history: string; reason: string }
  | { probe: 'ehlo'; history: string; obs: EhloObservation; pending?: string }
  | { probe: 'envelope'; history: string; obs: EnvelopeObservation }
  | { probe: 'auth'; history: string; obs: AuthObservation };

type Observation = PropertyOutcome<RunObservation> & {
  /** Violations found by the relayed messages, checked after the runs (no shrinking). */
  relayed?: { run: string; judgement: Judgement };
  relayedChecked?: number;
  /** Credentials were given, but the real password may not go in clear to this host: AUTH used probe credentials. */
  probeCredentialsOnly?: boolean;
};

const AUTH = 'AUTH';
/** Placeholders for MAIL and RCPT, written with the run's probe addresses when sent (`--mail-from`, `--rcpt-to`). */
const MAIL = 'MAIL';
const RCPT = 'RCPT';
const name = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/).map((label) => `${label}.${PRE_TLS_NAME}`);
const greeting = fc.tuple(fc.constantFrom('EHLO', 'HELO'), name).map(([verb, host]) => `${verb} ${host}`);
const step = fc.oneof(
  fc.constant('NOOP'),
  fc.constant('RSET'),
  greeting,
  { arbitrary: fc.constant(MAIL), weight: 3 },
  fc.constant(RCPT),
  { arbitrary: fc.constant(AUTH), weight: 3 },
);
/** Mostly the most specific state first; the EHLO alone now and then even when more was set up. */
const prefer = fc.oneof(
  { arbitrary: fc.constant<Probe[]>(['auth', 'envelope', 'ehlo']), weight: 3 },
  { arbitrary: fc.constant<Probe[]>(['envelope', 'auth', 'ehlo']), weight: 3 },
  { arbitrary: fc.constant<Probe[]>(['ehlo', 'auth', 'envelope']), weight: 1 },
);

export const resetInput: fc.Arbitrary<ResetInput> = fc.record({
  // Short enough that a server's error limit (Postfix: 10 refusals) never kicks in.
  history: fc.tuple(greeting, fc.array(step, { minLength: 1, maxLength: 6 })).map(([first, rest]) => [first, ...rest]),
  prefer,
});

const EHLO_FIRST: Probe[] = ['ehlo', 'auth', 'envelope'];
const ENVELOPE_FIRST: Probe[] = ['envelope', 'auth', 'ehlo'];
const AUTH_FIRST: Probe[] = ['auth', 'envelope', 'ehlo'];

/**
 * The systematic core, run first on every seed: each pre-TLS command as the first one after the
 * greeting (NOOP, RSET, EHLO, HELO, MAIL, RCPT, AUTH), behind EHLO or HELO, each history probed for
 * the state it sets up (RCPT, refused without a transaction, is followed by the MAIL that opens one).
 * The plainest history comes first: a server that refuses STARTTLS after RSET, MAIL or AUTH (Courier:
 * 540) leaves only such histories to probe, and the verdict must not hang on the seed.
 */
export function resetCore(): ResetInput[] {
  const host = (label: string) => `${label}.${PRE_TLS_NAME}`;
  return [
    { history: [`EHLO ${host('a')}`, 'NOOP'], prefer: EHLO_FIRST },
    { history: [`HELO ${host('b')}`, 'RSET'], prefer: EHLO_FIRST },
    { history: [`HELO ${host('c')}`, `EHLO ${host('d')}`], prefer: EHLO_FIRST },
    { history: [`EHLO ${host('e')}`, `HELO ${host('f')}`], prefer: EHLO_FIRST },
    { history: [`EHLO ${host('g')}`, MAIL], prefer: ENVELOPE_FIRST },
    { history: [`HELO ${host('h')}`, RCPT, MAIL], prefer: ENVELOPE_FIRST },
    { history: [`EHLO ${host('i')}`, AUTH], prefer: AUTH_FIRST },
  ];
}

interface PreTlsState {
  greeted: boolean;
  mail?: SmtpReply;
  auth?: SmtpReply;
  steps: string[];
  /** The server ended the session before STARTTLS (a 421, or a close): this history cannot be probed. */
  ended?: string;
}

/** RFC 5321 §3.8: a server may answer any command with 421 and close (Exim does after 3 protocol errors). */
async function replyOrEnd(state: PreTlsState, what: string, reply: Promise<SmtpReply>): Promise<SmtpReply | undefined> {
  try {
    const r = await reply;
    if (r.code === 421) state.ended = `421 to ${what}`;
    return r;
  } catch (err) {
    if (!(err instanceof HarnessError) || err.code !== 'closed') throw err;
    state.ended = `closed on ${what}`;
    return undefined;
  }
}

/**
 * A history step as sent: MAIL and RCPT with the run's probe addresses. A generated EHLO name only
 * matters where a relayed message will be searched for it; a target without a sink (a live host)
 * gets the run's EHLO name, which its policy accepts.
 */
function commandLine(ctx: CaseContext, command: string): string {
  if (command === MAIL) return `MAIL FROM:<${ctx.probeSender}>`;
  if (command === RCPT) return `RCPT TO:<${ctx.probeRecipient}>`;
  if (!ctx.target.sinkDir && /^(EHLO|HELO) /.test(command)) return `${command.slice(0, 4)} ${ctx.ehloName}`;
  return command;
}

/** The history before TLS, tracking what the server says it accepted. */
async function playHistory(ctx: CaseContext, session: SmtpSession, history: string[]): Promise<PreTlsState> {
  const state: PreTlsState = { greeted: false, steps: [] };
  for (const step of history) {
    const command = commandLine(ctx, step);
    const what = command === AUTH ? 'AUTH PLAIN' : command;
    let reply: SmtpReply | undefined;
    if (command === AUTH) {
      // The real password goes in clear only to a target the harness owns, or with the user's opt-in (as rfc3207/4.2/auth-forgotten).
      const auth = realPasswordInClear(ctx.target) && ctx.credentials ? ctx.authPlain(session) : session.command(`AUTH PLAIN ${PROBE_PLAIN}`, 'AUTH PLAIN [probe credentials]');
      reply = await replyOrEnd(state, what, auth);
      if (reply?.code === 334) reply = await replyOrEnd(state, what, session.command('*'));
      if (reply?.code === 235) state.auth = reply;
    } else {
      reply = await replyOrEnd(state, what, session.command(command));
      const verb = command.split(' ')[0];
      if ((verb === 'EHLO' || verb === 'HELO') && reply?.code === 250) {
        state.greeted = true;
        delete state.mail;
      }
      if (verb === 'RSET' && reply?.code === 250) delete state.mail;
      if (verb === 'MAIL' && reply?.code === 250) state.mail = reply;
    }
    state.steps.push(`${what} → ${reply?.code ?? 'closed'}`);
    if (state.ended) break;
  }
  return state;
}

function runJudgement(o: RunObservation): Judgement {
  switch (o.probe) {
    case 'none':
      return { outcome: 'na', actual: o.reason };
    case 'ehlo':
      return o.pending ? { outcome: 'conforms', actual: 'message submitted; its Received header is checked after the runs', seen: 'relayed, checked later' } : ehloForgottenAfterTls.judge(o.obs);
    case 'envelope':
      return envelopeForgottenAfterTls.judge(o.obs);
    case 'auth':
      return authForgottenAfterTls.judge(o.obs);
  }
}

function label(o: RunObservation): string {
  const j = runJudgement(o);
  return o.probe === 'none' ? 'nothing to probe' : `${o.probe}: ${j.outcome === 'conforms' ? (j.seen ?? 'forgotten') : j.outcome === 'violates' ? 'kept' : j.outcome}`;
}

export const stateResetGenerated = defineCase<Observation>({
  id: 'rfc3207/4.2/reset-generated',
  title: 'Whatever happened before STARTTLS (generated EHLO/HELO, MAIL, RCPT, AUTH, RSET, NOOP), none of it survives the handshake',
  requirements: ['R3207-4.2a'],
  level: 'MUST',
  category: 'security',
  source: {
    rfc: 'RFC 3207',
    section: '4.2',
    text:
      '“Upon completion of the TLS handshake, the SMTP protocol is reset to the initial state (the state in SMTP after a server issues a 220 service ready greeting).” ' +
      '“The server MUST discard any knowledge obtained from the client, such as the argument to the EHLO command, which was not obtained from the TLS negotiation itself.”',
  },
  ports: ['starttls'],
  expected: [
    'in every run (the systematic core, then generated histories), the state the history set up is gone inside TLS, as the single cases rfc3207/4.2/{ehlo,envelope,auth}-forgotten judge it',
    'NA when no history sets up any state (no credentials, everything refused before TLS)',
    'the seed and run count are reported, so that the runs can be replayed',
  ],
  proof: {
    flaw: 'keep-ehlo',
    verdict: 'FAIL',
    // Generated histories meet a STARTTLS refused after a transaction, and a 421 or a close after refusals.
    greenOn: ['starttls-refused-after-transaction', 'too-many-errors-421', 'refusals-then-close'],
  },
  async run(ctx) {
    // Made first, on a connection of its own: the runs then hold one connection at a time.
    // Does the server take AUTH without any EHLO, and if not, is EHLO what it wants? (as rfc3207/4.2/ehlo-forgotten)
    const control = ctx.credentials ? await helloControl(ctx) : undefined;
    const outcome: Observation = await checkProperty<ResetInput, RunObservation>(ctx, {
      arbitrary: resetInput,
      core: resetCore(),
      defaultRuns: 10,
      async probe(input, log) {
        const session = await ctx.open('starttls', { log });
        try {
          const state = await playHistory(ctx, session, input.history);
          if (state.ended) return { probe: 'none', history: state.steps.join(', '), reason: `the server ended the session before STARTTLS (${state.ended})` };
          const ready = await replyOrEnd(state, 'STARTTLS', session.command('STARTTLS'));
          const history = [...state.steps, `STARTTLS → ${ready?.code ?? 'closed'}`].join(', ');
          if (!ready) return { probe: 'none', history, reason: 'the server closed the connection on STARTTLS' };
          if (ready.code !== 220) return { probe: 'none', history, reason: `STARTTLS refused after the history: ${replyText(ready)}` };
          await session.startTls();
          const probe = input.prefer.find((p) => (p === 'auth' ? state.auth : p === 'envelope' ? state.mail : state.greeted && ctx.credentials));
          if (probe === 'envelope') {
            return { probe, history, obs: { preTlsMail: replyText(state.mail!), preTlsCode: 250, ...(await probeEnvelope(ctx, session)) } };
          }
          if (probe === 'auth') {
            await ctx.ehlo(session);
            const mail = await session.command(`MAIL FROM:<${ctx.credentials ? ctx.sender : ctx.probeSender}>`);
            const auth = replyText(state.auth!);
            return { probe, history, obs: { probe: auth, probeCode: 235, auth, authCode: 235, mail: replyText(mail), mailCode: mail.code } };
          }
          if (probe !== 'ehlo') return { probe: 'none', history, reason: ctx.credentials ? 'no state set up before TLS' : 'no credentials given for this target' };
          const auth = await ctx.authPlain(session);
          const obs: EhloObservation = { afterTls: auth.code, afterTlsText: replyText(auth) };
          if (auth.code === EHLO_FORGOTTEN_CODE) return { probe, history, obs };
          if (auth.code !== 235 || control!.control !== 235 || !ctx.target.sinkDir) return { probe, history, obs: { ...obs, ...control } };
          // No EHLO is needed at all: only the relayed message's Received header can show the pre-TLS name.
          const messageId = probeMessageId(ctx.ehloName);
          const { steps, accepted } = await submitMessage(session, ctx.sender, ctx.recipient, messageId);
          if (!accepted) return { probe, history, obs: { ...obs, submission: steps } };
          return { probe, history, obs: { ...obs, submission: steps }, pending: messageId };
        } finally {
          await closeRun(session);
        }
      },
      violates: (o) => runJudgement(o).outcome === 'violates',
      label,
      describe: (input, o) => (o ? o.history : input.history.map((c) => (c === AUTH ? 'AUTH PLAIN' : commandLine(ctx, c))).join(', ')),
    });
    if (ctx.credentials !== undefined && !realPasswordInClear(ctx.target)) outcome.probeCredentialsOnly = true;
    // The messages of the runs before shrinking, in run order (runs may be made side by side).
    const pending = (outcome.observations ?? []).flatMap((o) => (o.probe === 'ehlo' && o.pending ? [{ messageId: o.pending, run: o.history, obs: o.obs }] : []));
    if (outcome.failure || pending.length === 0) return outcome;
    // What is left reads the sink, not the target: the connection slots may serve other cases.
    ctx.doneConnecting();
    for (const { messageId, run, obs } of pending) {
      const received = receivedNaming(await awaitRelayed(ctx.target.sinkDir!, messageId, ctx.timeouts.caseMs / 2), PRE_TLS_NAME) ?? '';
      const judgement = ehloForgottenAfterTls.judge({ ...obs, received });
      if (judgement.outcome === 'violates') return { ...outcome, relayed: { run, judgement }, relayedChecked: pending.length };
    }
    return { ...outcome, relayedChecked: pending.length };
  },
  judge(o) {
    const replay = replayText(o.replay);
    if (o.failure) {
      const j = runJudgement(o.failure.observation);
      return {
        outcome: 'violates',
        actual: `${j.actual}. ${counterexampleOrigin(o.replay, o.failure)}: ${o.failure.counterexample}. ${replay}`,
        seen: `${o.failure.observation.probe} state kept across STARTTLS`,
        replay: o.replay,
      };
    }
    if (o.relayed) {
      return {
        outcome: 'violates',
        actual: `${o.relayed.judgement.actual}. Run: ${o.relayed.run} (found in the relayed message, not shrunk). ${replay}`,
        seen: 'ehlo state kept across STARTTLS',
        replay: o.replay,
      };
    }
    const counts = tallyText(o.tally);
    const relayed = `${o.relayedChecked ? ` (${o.relayedChecked} relayed messages checked)` : ''}${o.probeCredentialsOnly ? ` (AUTH before TLS used probe credentials, so no authentication could cross the handshake: the real password is not sent in clear to this host; ${CLEARTEXT_OPT_IN})` : ''}`;
    const conclusive = Object.keys(o.tally).some((k) => !k.endsWith(': info') && k !== 'nothing to probe');
    if (conclusive) return { outcome: 'conforms', actual: `${o.replay.executed} generated histories, no state kept across STARTTLS${relayed}${interruptedText(o)}: ${counts}. ${replay}`, seen: counts, replay: o.replay };
    if (o.tally['nothing to probe'] === o.replay.executed) return { outcome: 'na', actual: `no generated history set up any state to carry over${relayed}: ${counts}. ${replay}`, replay: o.replay };
    return { outcome: 'info', actual: `the probes could not see the reset (a server that needs no EHLO and no relayed message to inspect, or refusals that do not say why)${relayed}: ${counts}. ${replay}`, replay: o.replay };
  },
});

export default stateResetGenerated;
