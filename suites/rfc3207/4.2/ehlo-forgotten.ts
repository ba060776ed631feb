import { defineCase, NO_CREDENTIALS } from '../../../harness/model/case.ts';
import { startTls } from '../../../harness/run/case-context.ts';
import { awaitRelayed, probeMessageId, receivedNaming, submitMessage } from '../../../harness/run/relayed-message.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { EHLO_FORGOTTEN_CODE, helloControl, PRE_TLS_NAME, SOURCE_4_2, type EhloObservation, type HelloControl } from '../common/state-reset.ts';

/** The control shows that this server refuses AUTH for want of EHLO: 503, or a refusal that an EHLO turns into 235. */
function needsEhlo(o: HelloControl): boolean {
  return o.control !== undefined && o.control !== 235 && (o.control === EHLO_FORGOTTEN_CODE || o.controlAfterEhlo === 235);
}

/**
 * After STARTTLS and no new EHLO, the probe authenticates. A 503 ("send EHLO first") shows the EHLO
 * was forgotten; another refusal shows it only when a control session that never sent EHLO gets the
 * same refusal and authenticates once it does (the server is back in its initial state). If AUTH is
 * accepted, the server may simply not need EHLO: then the message it relays shows whether it still
 * knows the pre-TLS name (the Received "from" clause), or, with no sink, the control shows whether
 * EHLO is needed at all.
 */
export const ehloForgottenAfterTls = defineCase<EhloObservation>({
  id: 'rfc3207/4.2/ehlo-forgotten',
  title: 'The EHLO given before STARTTLS is forgotten inside TLS',
  requirements: ['R3207-4.2a'],
  level: 'MUST',
  category: 'security',
  source: SOURCE_4_2,
  ports: ['starttls'],
  expected: [
    'AUTH or MAIL inside TLS without a new EHLO refused with 503 (send EHLO first)',
    'accepted, and the relayed message\'s Received header does not name the pre-TLS EHLO',
    'another refusal, the same that a session which never sent EHLO gets (and loses after EHLO)',
    'INFO when the server needs no EHLO at all and the harness sees no relayed message, or refuses for a reason the control cannot tie to the missing EHLO',
  ],
  proof: { flaw: 'keep-ehlo', verdict: 'FAIL' },
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true };
    const session = await ctx.open('starttls');
    // The distinctive name is needed only where a relayed message will be searched for it; a live
    // host (no sink) gets the run's EHLO name, which its policy accepts.
    await session.command(`EHLO ${ctx.target.sinkDir ? PRE_TLS_NAME : ctx.ehloName}`);
    await startTls(session);
    const auth = await ctx.authPlain(session);
    const observation: EhloObservation = { afterTls: auth.code, afterTlsText: replyText(auth) };
    if (auth.code === EHLO_FORGOTTEN_CODE) return observation;
    if (auth.code !== 235) return { ...observation, ...(await helloControl(ctx)) };
    if (ctx.target.sinkDir) {
      const messageId = probeMessageId(ctx.ehloName);
      const { steps, accepted } = await submitMessage(session, ctx.sender, ctx.recipient, messageId);
      observation.submission = steps;
      if (accepted) observation.received = receivedNaming(await awaitRelayed(ctx.target.sinkDir, messageId, ctx.timeouts.caseMs / 2), PRE_TLS_NAME) ?? '';
      return observation;
    }
    return { ...observation, ...(await helloControl(ctx)) };
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    if (o.afterTls === EHLO_FORGOTTEN_CODE) return { outcome: 'conforms', actual: `AUTH without a new EHLO → ${o.afterTlsText}`, seen: `refused with ${o.afterTls}` };
    if (o.afterTls !== 235) {
      const control = o.control === undefined ? '' : `; a session that never sent EHLO → ${o.controlText}${o.controlAfterEhlo !== undefined ? `, after EHLO → ${o.controlAfterEhlo}` : ''}`;
      const actual = `AUTH without a new EHLO → ${o.afterTlsText}${control}`;
      if (o.control === o.afterTls && needsEhlo(o)) return { outcome: 'conforms', actual, seen: `refused with ${o.afterTls}, as a session that never sent EHLO is` };
      return { outcome: 'info', actual: `${actual}: only a 503 (send EHLO first), or the refusal a session without EHLO gets, shows that the pre-TLS EHLO was forgotten` };
    }
    if (o.submission) {
      const steps = o.submission.join('; ');
      if (o.received === undefined) {
        return o.submission.some((step) => step.includes(`→ ${EHLO_FORGOTTEN_CODE}`))
          ? { outcome: 'conforms', actual: `AUTH accepted; ${steps}`, seen: 'transaction refused without a new EHLO (503)' }
          : { outcome: 'info', actual: `AUTH accepted without a new EHLO; ${steps}: the transaction was refused for another reason than a missing EHLO, so no relayed message shows what the server kept` };
      }
      const actual = `AUTH accepted without a new EHLO; Received: ${o.received}`.slice(0, 400);
      return o.received.includes(PRE_TLS_NAME)
        ? { outcome: 'violates', actual, seen: `Received names the pre-TLS EHLO ${PRE_TLS_NAME}` }
        : { outcome: 'conforms', actual, seen: 'the relayed message does not name the pre-TLS EHLO' };
    }
    if (needsEhlo(o)) {
      return {
        outcome: 'violates',
        actual: `AUTH without a new EHLO → ${o.afterTlsText}, but with no EHLO at all → ${o.controlText}${o.controlAfterEhlo !== undefined ? ` (after EHLO → ${o.controlAfterEhlo})` : ''}: the pre-TLS EHLO was remembered`,
      };
    }
    if (o.control !== 235) {
      return { outcome: 'info', actual: `AUTH without a new EHLO → ${o.afterTlsText}; with no EHLO at all → ${o.controlText}: a refusal not tied to the missing EHLO, so the reset cannot be seen` };
    }
    return { outcome: 'info', actual: `AUTH accepted without any EHLO (${o.controlText}) and no relayed message to inspect: the reset cannot be seen` };
  },
});

export default ehloForgottenAfterTls;
