import { defineCase, NO_CREDENTIALS, type CaseDefinition } from '../../../harness/model/case.ts';
import { closeRun } from '../../../harness/run/property-check.ts';
import { awaitRelayed, probeMessageId } from '../../../harness/run/relayed-message.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { showOctets } from '../common/look-alikes.ts';
import { openTransaction, shown } from '../common/smuggling-probe.ts';
import { BARE_NEWLINE_RELAY_SOURCE } from '../common/smuggling-source.ts';

type Observation =
  | { noSink: true }
  | { noCredentials: true }
  | { refused: string }
  | { closed: string }
  | { relayed: string; reply: string };

/**
 * The markers in the probe message, each followed by the bare character under test and a dot: how the
 * relayed copy continues after a marker says what the server did with that character.
 */
const MARKERS = [
  { label: 'bare LF', marker: 'msaspec bare LF:', bare: '\n' },
  { label: 'bare CR', marker: 'msaspec bare CR:', bare: '\r' },
] as const;

/** The body: a bare LF and a bare CR inside lines, each with a dot behind it (a look-alike's start, never its end). */
const BODY = MARKERS.map((m) => `${m.marker}${m.bare}.not the end\r\n`).join('') + 'msaspec end\r\n';

/**
 * What came after a marker in the relayed copy, up to the text behind the dot: the character kept, CRLF,
 * a space, nothing, or something else; and whether the dot went (a server that took the bare character
 * for a line end unstuffs the dot behind it).
 */
function treatment(relayed: string, marker: string, bare: string): string {
  const at = relayed.indexOf(marker);
  if (at < 0) return 'line not found';
  const rest = relayed.slice(at + marker.length);
  const end = rest.indexOf('not the end');
  if (end < 0) return 'the text after it not found';
  let between = rest.slice(0, end);
  const dot = between.endsWith('.');
  if (dot) between = between.slice(0, -1);
  const lost = dot ? '' : ' (the dot behind it dropped)';
  if (between === bare) return `relayed unchanged${lost}`;
  if (between === '\r\n') return `relayed as CRLF${lost}`;
  if (between === ' ') return `replaced by a space${lost}`;
  if (between === '') return `removed${lost}`;
  return `relayed as ${showOctets(between)}${lost}`;
}

/** Bare CR and bare LF in the relayed octets (a CR not before an LF, an LF not after a CR). */
export function bareNewlines(relayed: string): { cr: number; lf: number } {
  return { cr: (relayed.match(/\r(?!\n)/g) ?? []).length, lf: (relayed.match(/(?<!\r)\n/g) ?? []).length };
}

export const bareNewlinesNotRelayed: CaseDefinition<Observation> = defineCase<Observation>({
  id: 'smuggling/2.3.8/bare-newlines-not-relayed',
  title: 'A message with a bare CR or LF is refused, or relayed with CRLF (or without them): never with the bare characters that carry a look-alike to the next hop',
  requirements: ['SMUG-2'],
  level: 'MUST',
  category: 'security',
  source: BARE_NEWLINE_RELAY_SOURCE,
  ports: ['implicit', 'starttls'],
  expected: [
    'the message refused (5xx at the end of data, or a refusal and a close)',
    'or accepted, and the copy that reaches the next hop has no bare CR or LF: each made CRLF, a space, or removed',
    'NA on a target whose relayed messages the harness cannot see (an external host)',
  ],
  proof: { flaw: 'relay-bare-lf', verdict: 'FAIL', greenOn: ['bare-newline-rejected', 'bare-newline-closes', 'bare-newline-spaces', 'refusals-at-rcpt'] },
  async run(ctx) {
    if (!ctx.target.sinkDir) return { noSink: true };
    if (!ctx.credentials) return { noCredentials: true };
    const messageId = probeMessageId(ctx.ehloName);
    const { session } = await ctx.openAuthenticated();
    let reply;
    try {
      await openTransaction(ctx, session);
      const data = `From: <${ctx.sender}>\r\nTo: <${ctx.recipient}>\r\nSubject: msaspec bare CR and LF\r\nMessage-ID: ${messageId}\r\nDate: ${new Date().toUTCString()}\r\n\r\n${BODY}.\r\n`;
      session.write(data, shown(data));
      reply = await session.readReply('reply to the end of data');
    } catch (err) {
      if (err instanceof HarnessError && err.code === 'closed') return { closed: err.message };
      throw err;
    } finally {
      await closeRun(session);
    }
    if (reply.code >= 400) return { refused: replyText(reply) };
    if (reply.code !== 250) throw new HarnessError(`end of data answered ${replyText(reply)}`, 'malformed');
    ctx.doneConnecting();
    return { relayed: await awaitRelayed(ctx.target.sinkDir, messageId, ctx.timeouts.caseMs / 2), reply: replyText(reply) };
  },
  judge(o) {
    if ('noSink' in o) return { outcome: 'na', actual: 'the harness sees no message this target relays (external host): what it transmits cannot be checked' };
    if ('noCredentials' in o) return NO_CREDENTIALS;
    if ('refused' in o) return { outcome: 'conforms', actual: `message refused: ${o.refused}`, seen: 'refused' };
    if ('closed' in o) return { outcome: 'conforms', actual: `message not accepted: ${o.closed}`, seen: 'refused (closed)' };
    const each = MARKERS.map((m) => `${m.label} ${treatment(o.relayed, m.marker, m.bare)}`).join(', ');
    const { cr, lf } = bareNewlines(o.relayed);
    if (cr + lf > 0) {
      return {
        outcome: 'violates',
        actual: `accepted (${o.reply}) and relayed with ${lf} bare LF and ${cr} bare CR: ${each}. A look-alike such as <LF>.<CR><LF> reaches the next hop the same way`,
        seen: each,
      };
    }
    return { outcome: 'conforms', actual: `accepted (${o.reply}); the relayed copy has no bare CR or LF: ${each}`, seen: each };
  },
});

export default bareNewlinesNotRelayed;
