import { VERSION } from '../../../harness/tls-probe/wire.ts';
import { oldTls } from '../common/old-versions.ts';

export const tls11Refused = oldTls(VERSION.tls11, 'tls11', 'RFC4346', '5', { flaw: 'tls11', verdict: 'FAIL' });

export default tls11Refused;
