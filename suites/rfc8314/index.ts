import type { AnyCase } from '../../harness/model/case.ts';
import { greetingInsideTls } from './3.3/greeting-inside-tls.ts';
import { plaintextFirstUnanswered } from './3.3/plaintext-first-unanswered.ts';
import { bothServices } from './3.3/both-services.ts';
import { closeNotifyBeforeClose } from './3.4/close-notify.ts';
import { tls12Supported } from './4.1/tls12-supported.ts';
import { receivedRecordsTls } from './4.3/received-records-tls.ts';

/**
 * The RFC 8314 cases (implicit TLS on 465, both submission services, closing, TLS 1.2, the Received record), in report order.
 * Each case is one file, `<section>/<name>.ts` for the id `rfc8314/<section>/<name>`, imported and listed here;
 * code several of them share is in common/.
 */
export const RFC8314_CASES: readonly AnyCase[] = [
  greetingInsideTls,
  plaintextFirstUnanswered,
  bothServices,
  closeNotifyBeforeClose,
  tls12Supported,
  receivedRecordsTls,
];
