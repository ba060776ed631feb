import { describeMtaTarget } from '../../test/targets/mta-target-suite.ts';
import { postfix } from './index.ts';

// Postfix 3.10 from Debian 13, stock and hardened: the other release line's end-to-end test (CI runs
// it beside the current line's), against its own findings (debian13/findings.ts). Debian 13's
// master.cf submission blocks set smtpd_hide_client_session = yes, which the stock configuration
// uncomments with them: its Received header names no client and no "with ESMTPSA".
describeMtaTarget(
  postfix,
  {
    by: /by mail\.example\.test \(Postfix\) (?:with ESMTPSA )?id \w+/,
    tls: /\(using TLSv1\.[23] with cipher \S+/,
  },
  'debian13',
);
