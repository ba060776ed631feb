import { defineCase } from '../../harness/model/case.ts';
import { CONTENT_TYPE, type RecordHeader } from '../../harness/smtp/record-tap.ts';
import { replyText } from '../../harness/smtp/reply.ts';

type Observation = { protocol: string; quit: string; records: RecordHeader[]; fin: boolean };

/**
 * After its 221 a server that closes properly sends a close_notify alert and only then its TCP FIN.
 * TLS 1.2 shows the alert's content type in the record header; TLS 1.3 hides it inside an
 * application_data record (RFC 8446 §5.2), where the only record a server sends after the 221 is the
 * alert itself, so a second record after QUIT is the close_notify.
 */
function sawCloseNotify(o: Observation): boolean {
  if (o.protocol === 'TLSv1.3') return o.records.filter((r) => r.contentType === CONTENT_TYPE.applicationData).length >= 2;
  return o.records.some((r) => r.contentType === CONTENT_TYPE.alert);
}

export const closeNotifyBeforeClose = defineCase<Observation>({
  id: 'rfc8314/3.4/close-notify',
  title: 'After QUIT the server sends a TLS close_notify before closing TCP',
  requirements: ['R8314-3.4'],
  level: 'SHOULD',
  category: 'tls',
  source: {
    rfc: 'RFC 8314',
    section: '3.4',
    text: '“When a client or server wishes to close the connection, it SHOULD initiate the exchange of TLS close alerts before TCP connection termination.”',
  },
  // §3.4 is about Implicit TLS connections; on 587 the same behaviour is good practice, not this rule.
  ports: ['implicit'],
  expected: ['221, then a close_notify alert record, then the TCP FIN'],
  async run(ctx) {
    const { session } = await ctx.openSecure('implicit', { tap: true });
    const tap = session.recordTap;
    if (!tap) throw new Error('record tap missing');
    tap.mark();
    const quit = replyText(await session.command('QUIT'));
    // Node answers a close_notify with its own and ends its side, so the server's FIN follows soon.
    const fin = await tap.waitForFin(ctx.timeouts.replyMs);
    return { protocol: session.tls?.protocol ?? '', quit, records: tap.recordsSinceMark, fin };
  },
  judge(o) {
    const shown = o.records.map((r) => `${r.contentType === CONTENT_TYPE.alert ? 'alert' : `type ${r.contentType}`}(${r.length})`).join(', ') || 'none';
    const actual = `${o.quit}; ${o.protocol} records after QUIT: ${shown}; TCP FIN ${o.fin ? 'received' : 'not received'}`;
    if (!o.fin) return { outcome: 'violates', actual, seen: 'server did not close the connection after 221' };
    return sawCloseNotify(o) ? { outcome: 'conforms', actual } : { outcome: 'violates', actual, seen: 'TCP closed without close_notify' };
  },
});
