import { VERSION } from '../../../harness/tls-probe/wire.ts';
import { oldTls } from '../common/old-versions.ts';

export const tls10Refused = oldTls(VERSION.tls10, 'tls10', 'RFC2246', '4', { flaw: 'tls10', verdict: 'FAIL' });

export default tls10Refused;
