import { overLongLine } from '../common/over-long-line.ts';

/** 600 octets: a little over the limit, as a long MAIL FROM with parameters can be; normal operation. */
export const line600 = overLongLine(600, false, { flaw: 'long-line-drop', verdict: 'FAIL' });

export default line600;
