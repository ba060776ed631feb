import { defineCase, type CaseDefinition, type CaseProof } from '../../../harness/model/case.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

type Observation = { long?: string; longCode?: number; noop?: string; noopCode?: number; lost?: string; closed?: boolean };

/**
 * The cases rfc5321/4.5.3.1.4/line-<octets>-octets, one per line length.
 * 512 octets is the command-line limit servers must accept (RFC 5321 §4.5.3.1.4); longer lines may be
 * refused with 500 or, since §4.5.3.1 asks for as few limits as possible, accepted. What must not
 * happen is a command without a reply or a session that dies: every command gets exactly one reply.
 *
 * `abnormal`: a line so far past the limit that no client sends it in normal operation. RFC 5321 §3.8
 * forbids a close (other than after QUIT or 421) only "under normal operational circumstances (see
 * Section 7.8)", and §7.8 lets a server that detects an attack "close the connection after generating
 * an appropriate number of 5yz" replies: there, a refusal followed by a close conforms.
 */
export function overLongLine(octets: number, abnormal: boolean, proof: CaseProof): CaseDefinition<Observation> {
  return defineCase<Observation>({
    id: `rfc5321/4.5.3.1.4/line-${octets}-octets`,
    title: `A ${octets}-octet command line is answered (500 or accepted) and the session goes on`,
    requirements: ['R5321-len'],
    level: 'MUST',
    category: 'conformance',
    source: {
      rfc: 'RFC 5321',
      section: '4.5.3.1.4, 4.2',
      text:
        '§4.5.3.1.4: “The maximum total length of a command line including the command word and the <CRLF> is 512 octets.” §4.5.3.1.9: “500 Line too long.” ' +
        '§4.2: “Every command MUST generate exactly one reply.” A 421 and a close are allowed too (§3.8).',
    },
    ports: ['implicit', 'starttls'],
    expected: [
      '500 (line too long), then NOOP → 250',
      'accepted (limit lifted), then NOOP → 250',
      '421, then the server closes the connection (RFC 5321 §3.8)',
      ...(abnormal ? ['a 4xx/5xx refusal, then a close: a defence against abnormal input (RFC 5321 §7.8)'] : []),
    ],
    proof,
    async run(ctx) {
      const { session } = await ctx.openSecure();
      const line = `NOOP ${'x'.repeat(octets - 'NOOP \r\n'.length)}`;
      const seen: Observation = {};
      try {
        const long = await session.command(line, `NOOP <${octets - 7} x>`);
        Object.assign(seen, { long: replyText(long), longCode: long.code });
        const noop = await session.command('NOOP');
        return { ...seen, noop: replyText(noop), noopCode: noop.code };
      } catch (err) {
        if (err instanceof HarnessError && (err.code === 'closed' || err.code === 'timeout')) return { ...seen, lost: err.message, closed: err.code === 'closed' };
        throw err;
      }
    },
    judge(o) {
      // RFC 5321 §3.8: a server may close the connection after a 421 reply, and only then (or after QUIT).
      if (o.lost && o.longCode === 421 && o.closed) {
        return { outcome: 'conforms', actual: `${octets}-octet NOOP → ${o.long}; then the server closed the connection`, seen: '421, then closed (RFC 5321 §3.8)' };
      }
      if (abnormal && o.lost && o.closed && o.longCode !== undefined && o.longCode >= 400) {
        return { outcome: 'conforms', actual: `${octets}-octet NOOP → ${o.long}; then the server closed the connection`, seen: `${o.longCode}, then closed (RFC 5321 §7.8)` };
      }
      if (o.lost) return { outcome: 'violates', actual: `the session did not survive the ${octets}-octet line: ${o.long ? `${o.long}, then ` : ''}${o.lost}` };
      const actual = `${octets}-octet NOOP → ${o.long}; NOOP → ${o.noop}`;
      if (o.noopCode !== 250) return { outcome: 'violates', actual, seen: 'session unusable afterwards' };
      return { outcome: 'conforms', actual, seen: o.longCode === 500 ? 'refused with 500' : `answered ${o.longCode}` };
    },
  });
}
