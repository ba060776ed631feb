import { opensmtpdFindings } from '../../containers/opensmtpd/findings.ts';
import { describeMtaTarget } from './mta-target-suite.ts';

// OpenSMTPD 7.4 from Debian bookworm-backports, stock and hardened: containers/opensmtpd/findings.ts lists every verdict that is not PASS.
describeMtaTarget(opensmtpdFindings, {
  by: /by mail\.example\.test \(OpenSMTPD\) with ESMTPSA id \w+/,
  tls: /\(TLSv1\.[23]:[A-Z0-9_-]+:\d+:/,
});
