import { defineCase } from '../../../harness/model/case.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { CONTENT_TYPE } from '../../../harness/smtp/record-tap.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { ALERT_CLOSE_NOTIFY, describeInner, type OpenedRecord } from '../../../harness/smtp/tls13-records.ts';

type Observation = { protocol: string; quit: string; records: OpenedRecord[]; fin: boolean };

/**
 * After its 221 a server that closes properly sends a close_notify alert and only then its TCP FIN.
 * TLS 1.2 shows an alert's content type in the record header (its description is encrypted). TLS 1.3
 * hides the type inside every protected record (RFC 8446 §5.2), where a session ticket sent late, or a
 * 221 split across records, looks like an alert: the harness opens its own connection's records
 * again with its keys and looks for the close_notify itself.
 */
function sawCloseNotify(o: Observation): boolean {
  if (o.protocol === 'TLSv1.3') return o.records.some((r) => r.inner?.alert?.description === ALERT_CLOSE_NOTIFY);
  return o.records.some((r) => r.contentType === CONTENT_TYPE.alert);
}

function shown(r: OpenedRecord): string {
  if (r.inner) return `${describeInner(r.inner)} [${r.length}]`;
  return `${r.contentType === CONTENT_TYPE.alert ? 'alert' : r.contentType === CONTENT_TYPE.applicationData ? 'application_data' : `type ${r.contentType}`} [${r.length}]`;
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
  proof: { flaw: 'no-close-notify', verdict: 'WARN', greenOn: ['split-221'] },
  async run(ctx) {
    const { session } = await ctx.openSecure('implicit', { tap: true });
    const tap = session.recordTap;
    if (!tap) throw new Error('record tap missing');
    tap.mark();
    const quit = replyText(await session.command('QUIT'));
    // Node answers a close_notify with its own and ends its side, so the server's FIN follows soon.
    const fin = await tap.waitForFin(ctx.timeouts.replyMs);
    const observation = { protocol: session.tls?.protocol ?? '', quit, records: session.serverRecordsSinceMark(), fin };
    if (observation.protocol === 'TLSv1.3' && !sawCloseNotify(observation) && observation.records.some((r) => !r.inner)) {
      throw new HarnessError(`TLS 1.3 records after QUIT could not be opened with the connection's keys (cipher ${session.tls?.cipher}), so a close_notify among them cannot be told apart`, 'tls');
    }
    return observation;
  },
  judge(o) {
    const records = o.records.map(shown).join(', ') || 'none';
    const actual = `${o.quit}; ${o.protocol} records after QUIT: ${records}; TCP FIN ${o.fin ? 'received' : 'not received'}`;
    if (!o.fin) return { outcome: 'violates', actual, seen: 'server did not close the connection after 221' };
    return sawCloseNotify(o) ? { outcome: 'conforms', actual } : { outcome: 'violates', actual, seen: 'TCP closed without close_notify' };
  },
});

export default closeNotifyBeforeClose;
