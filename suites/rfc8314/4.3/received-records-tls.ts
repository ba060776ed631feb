import { defineCase, NO_CREDENTIALS } from '../../../harness/model/case.ts';
import { awaitRelayed, probeMessageId, receivedNaming, submitMessage } from '../../../harness/run/relayed-message.ts';

type Observation = { noSink?: boolean; noCredentials?: boolean; protocol?: string; steps?: string[]; received?: string };

/** RFC 8314 §7.4 registers "tls" as a Received clause whose value is the cipher suite name. */
const TLS_CLAUSE = /\btls\s+(TLS_|SSL_)?[A-Z0-9_-]{6,}/;
/**
 * What Postfix (`using TLSv1.3 with cipher …`), sendmail (`version=TLSv1.3 cipher=…`), OpenSMTPD
 * (`(TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO)`: version, cipher, bits, verified) and Courier
 * (`(TLS: TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384)`, GnuTLS's key exchange, cipher, MAC) write instead.
 */
const TLS_COMMENT = /(using\s+TLSv?[\d.]+\s+with\s+cipher\s+\S+)|(version=TLSv?[\d._]+\s+cipher=\S+)|(\(TLSv?[\d.]+:[A-Z0-9_-]{6,}:\d+:)|(\b(TLS|SSL):\s*TLS[\d.]+,\d+bits,[A-Z0-9_-]{6,})/i;
/** RFC 3848 protocol names that say TLS was used, without the cipher suite. */
const TLS_PROTOCOL = /\bwith\s+(ESMTPS|ESMTPSA|UTF8SMTPS|UTF8SMTPSA)\b/i;

export const receivedRecordsTls = defineCase<Observation>({
  id: 'rfc8314/4.3/received-records-tls',
  title: 'The Received header the server adds records the TLS cipher suite',
  requirements: ['R8314-4.3'],
  level: 'SHOULD',
  category: 'tls',
  source: {
    rfc: 'RFC 8314',
    section: '4, 4.3',
    text:
      '§4: “Mail Submission Servers accepting mail using TLS SHOULD include in the Received field of the outgoing message the TLS ciphersuite of the session in which the mail was received.” ' +
      '§4.3: “This clause SHOULD be included whenever a Submission server generates a Received header field for a message received via TLS.” ' +
      'A cipher suite named in a comment meets §4 and is reported as seen; only the "tls" clause (§7.4) meets §4.3.',
  },
  ports: ['implicit', 'starttls'],
  expected: ['"tls <cipher suite>" clause in the Received header', 'TLS version and cipher named in a comment of the Received header (Postfix, sendmail, OpenSMTPD style)'],
  proof: { flaw: 'no-tls-received', verdict: 'WARN', greenOn: ['local-addresses-only', 'refusals-at-rcpt'] },
  async run(ctx) {
    if (!ctx.target.sinkDir) return { noSink: true };
    if (!ctx.credentials) return { noCredentials: true };
    const { session } = await ctx.openAuthenticated();
    const messageId = probeMessageId(ctx.ehloName);
    const { steps, accepted } = await submitMessage(session, ctx.sender, ctx.recipient, messageId);
    const protocol = `${session.tls?.protocol} ${session.tls?.cipher}`;
    if (!accepted) return { steps, protocol };
    const message = await awaitRelayed(ctx.target.sinkDir, messageId, ctx.timeouts.caseMs / 2);
    // The field the server added for this session names the harness's EHLO; a filter or a second hop may sit above it.
    return { steps, protocol, received: receivedNaming(message, ctx.ehloName) ?? '(no Received header)' };
  },
  judge(o) {
    if (o.noSink) return { outcome: 'na', actual: 'the harness sees no message this target relays (external host)' };
    if (o.noCredentials) return NO_CREDENTIALS;
    if (!o.received) return { outcome: 'na', actual: `submission refused, nothing relayed: ${o.steps?.join('; ')} (--mail-from and --rcpt-to name addresses the target accepts)` };
    const actual = `session ${o.protocol}; Received: ${o.received}`.slice(0, 400);
    if (TLS_CLAUSE.test(o.received)) return { outcome: 'conforms', actual, seen: 'tls clause' };
    if (TLS_COMMENT.test(o.received)) return { outcome: 'conforms', actual, seen: 'TLS version and cipher in a comment, not the registered tls clause' };
    const protocolOnly = TLS_PROTOCOL.exec(o.received)?.[1];
    return { outcome: 'violates', actual, seen: protocolOnly ? `only the protocol name ${protocolOnly}: TLS used, cipher suite not recorded` : 'no record of TLS' };
  },
});

export default receivedRecordsTls;
