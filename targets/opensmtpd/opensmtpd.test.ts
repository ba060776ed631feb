import { describeMtaTarget } from '../../test/targets/mta-target-suite.ts';
import { opensmtpd } from './index.ts';

// OpenSMTPD 7.4 from Debian bookworm-backports, stock and hardened: its findings.ts lists every verdict that is not PASS.
describeMtaTarget(opensmtpd, {
  by: /by mail\.example\.test \(OpenSMTPD\) with ESMTPSA id \w+/,
  tls: /\(TLSv1\.[23]:[A-Z0-9_-]+:\d+:/,
});
