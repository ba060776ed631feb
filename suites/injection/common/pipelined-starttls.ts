import { defineCase, type CaseDefinition, type CaseProof } from '../../../harness/model/case.ts';
import { confirmStarttlsWorks, judgeInjection, probeInjection, type InjectionObservation } from './injection-probe.ts';

/** The cases injection/1/pipelined-<name>: one command pipelined behind STARTTLS in the same write (CVE-2011-0411). */
export function pipelinedStarttls(name: string, injected: string, proof: CaseProof): CaseDefinition<InjectionObservation> {
  return defineCase<InjectionObservation>({
    id: `injection/1/pipelined-${name}`,
    title: `"STARTTLS\\r\\n${injected}\\r\\n" in one write: the ${injected.split(' ')[0]} is never executed inside TLS`,
    requirements: ['INJ-1'],
    level: 'MUST',
    category: 'security',
    source: {
      rfc: 'RFC 3207',
      section: '6',
      text:
        '“Before the TLS handshake has begun, any protocol interactions are performed in the clear and may be modified by an active attacker. For this reason, clients and servers MUST discard any knowledge obtained prior to the start of the TLS handshake upon completion of the TLS handshake.” ' +
        'Plaintext the client sent after STARTTLS, before the handshake, is such knowledge: executed inside TLS, it is the command injection of CVE-2011-0411.',
    },
    ports: ['starttls'],
    expected: [
      'STARTTLS refused (4xx/5xx) because of the extra bytes',
      'connection closed or handshake aborted',
      '220, handshake, nothing unsolicited inside TLS, and exactly one reply to the next command',
    ],
    proof,
    async run(ctx) {
      const { session } = await ctx.openWithEhlo('starttls');
      const observation = await probeInjection(session, [{ bytes: `STARTTLS\r\n${injected}\r\n`, afterReady: false }], { earlyMs: ctx.timeouts.quietMs, quitMs: ctx.timeouts.replyMs });
      return confirmStarttlsWorks(ctx, observation);
    },
    judge: judgeInjection,
  });
}
