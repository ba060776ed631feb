import { defineCase, NO_CREDENTIALS, type CaseDefinition } from '../../../harness/model/case.ts';
import { closeRun } from '../../../harness/run/property-check.ts';
import { sideBySide } from '../common/side-by-side.ts';
import { ADVISORY_LOOK_ALIKES, lookAlikeBytes, showLookAlike } from '../common/look-alikes.ts';
import { judgeSmuggling, messageHead, openTransaction, probeData, smuggledLines, type SmugglingObservation } from '../common/smuggling-probe.ts';
import { END_OF_DATA_SOURCE } from '../common/smuggling-source.ts';

type Observation = { noCredentials: true } | { runs: { lookAlike: string; observation: SmugglingObservation }[] };

/**
 * SMUG-1, one probe per classic look-alike: each on a fresh authenticated connection, the message
 * text, the look-alike and the smuggled transaction in one write (as a relay or a client with
 * PIPELINING sends them), then the real end of data and QUIT.
 */
export const endOfDataLookAlikes: CaseDefinition<Observation> = defineCase<Observation>({
  id: 'smuggling/4.1.1.4/end-of-data-look-alikes',
  title: 'Only <CRLF>.<CRLF> ends the data: <LF>.<LF>, <LF>.<CR><LF>, <CR>.<CR> and the other look-alikes do not, and the transaction smuggled behind them never runs',
  requirements: ['SMUG-1'],
  level: 'MUST NOT',
  category: 'security',
  source: END_OF_DATA_SOURCE,
  ports: ['implicit', 'starttls'],
  expected: [
    'for every look-alike: one reply to the message (250 at the real end of data, or a refusal such as 550 for a bare CR or LF), then 221 to QUIT',
    'or a refusal and a close, or a close: nothing after the look-alike runs',
  ],
  proof: { flaw: 'smuggle-lf-dot-lf', verdict: 'FAIL', greenOn: ['bare-newline-rejected', 'bare-newline-closes', 'bare-newline-spaces', 'local-addresses-only'] },
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true };
    // Side by side, each in a transcript of its own (a server that never answers one waits out the reply timeout once).
    const runs = await sideBySide(ctx, ADVISORY_LOOK_ALIKES, async (lookAlike, log) => {
      const { session } = await ctx.openAuthenticated(ctx.port, { log });
      try {
        await openTransaction(ctx, session);
        const bytes = `${messageHead(ctx, 'msaspec smuggling probe')}${lookAlikeBytes(lookAlike)}${smuggledLines(ctx).join('')}`;
        return { lookAlike: showLookAlike(lookAlike), observation: await probeData(session, [{ bytes }], 0, ctx.timeouts.replyMs) };
      } finally {
        await closeRun(session);
      }
    });
    return { runs };
  },
  judge(o) {
    if ('noCredentials' in o) return NO_CREDENTIALS;
    const judged = o.runs.map((r) => ({ ...r, judgement: judgeSmuggling(r.observation) }));
    const each = judged.map((r) => `${r.lookAlike}: ${r.judgement.actual}`).join('; ');
    const failing = judged.filter((r) => r.judgement.outcome === 'violates');
    if (failing.length) {
      // A look-alike that ended the data is the security finding; one that only left the server silent is a conformance one.
      const security = failing.some((r) => r.judgement.breaks?.category !== 'conformance');
      return {
        outcome: 'violates',
        actual: `${failing.map((r) => r.lookAlike).join(', ')} ${security ? 'broke the end of data' : 'left the server without a reply to the message'}. ${each}`.slice(0, 1500),
        seen: failing.map((r) => `${r.lookAlike} ${r.judgement.seen}`).join('; '),
        ...(security ? {} : { breaks: { category: 'conformance' as const } }),
      };
    }
    const seen = [...new Set(judged.map((r) => r.judgement.seen))].join('; ');
    return { outcome: 'conforms', actual: `${judged.length} look-alikes, none ended the data. ${each}`.slice(0, 1500), seen };
  },
});

export default endOfDataLookAlikes;
