import { SUITES } from '../../harness/tls-probe/cipher-suites.ts';
import type { HelloSpec } from '../../harness/tls-probe/client-hello.ts';
import { VERSION } from '../../harness/tls-probe/wire.ts';

/** Each recorded fixture: the s_server flags, the ClientHello the probe sent, what the server's answer means. */
export const FIXTURES: { name: string; serverArgs: string[]; offer: HelloSpec }[] = [
  { name: 'tls12-ecdhe', serverArgs: ['-tls1_2'], offer: { clientVersion: VERSION.tls12, suites: SUITES.ecdhe, serverName: 'mail.example.test' } },
  { name: 'tls12-dhe', serverArgs: ['-tls1_2', '-cipher', 'DHE-RSA-AES128-GCM-SHA256'], offer: { clientVersion: VERSION.tls12, suites: SUITES.dhe, groups: [] } },
  { name: 'tls13', serverArgs: [], offer: { clientVersion: VERSION.tls12, suites: SUITES.tls13, supportedVersions: [VERSION.tls13, VERSION.tls12], keyShares: [0x001d] } },
  { name: 'tls10-refused', serverArgs: [], offer: { clientVersion: VERSION.tls10, suites: SUITES.legacy } },
  { name: 'rc4-refused', serverArgs: ['-tls1_2'], offer: { clientVersion: VERSION.tls12, suites: SUITES.weak('rc4') } },
];
