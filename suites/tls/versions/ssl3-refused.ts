import { defineCase } from '../../../harness/model/case.ts';
import { SUITES } from '../../../harness/tls-probe/cipher-suites.ts';
import { probeServer } from '../../../harness/tls-probe/probe-server.ts';
import { summarize } from '../../../harness/tls-probe/summary.ts';
import { VERSION, versionName } from '../../../harness/tls-probe/wire.ts';
import { judgeOldVersion, REFUSED, type Offer } from '../common/old-versions.ts';

export const ssl3Refused = defineCase<Offer>({
  id: 'tls/versions/ssl3-refused',
  title: 'SSL 3.0 is not negotiated',
  requirements: ['T-SSL3'],
  level: 'MUST NOT',
  category: 'tls',
  source: {
    rfc: 'RFC 9325',
    section: '3.1.1',
    text: '“Implementations MUST NOT negotiate SSL version 3.” RFC 7568 §3: “SSLv3 MUST NOT be used. Negotiation of SSLv3 from any version of TLS MUST NOT be permitted.”',
  },
  ports: ['implicit', 'starttls'],
  expected: REFUSED,
  // A forged ServerHello (targets/flawed/hello-forger.ts): OpenSSL 3 cannot do SSL 3.0; the case judges the ServerHello alone.
  proof: { flaw: 'ssl3', verdict: 'FAIL' },
  async run(ctx) {
    // An SSL 3.0 ClientHello as such clients sent it: record and client version {03,00}, no extensions, the SCSV for renegotiation.
    const result = await probeServer(ctx, { clientVersion: VERSION.ssl3, recordVersion: VERSION.ssl3, suites: [...SUITES.legacy, 0x00ff], noExtensions: true, serverName: '' });
    return { offered: versionName(VERSION.ssl3), answer: summarize(result) };
  },
  judge: judgeOldVersion,
});

export default ssl3Refused;
