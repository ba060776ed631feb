import { harakaFindings } from '../../containers/haraka/findings.ts';
import { describeMtaTarget } from './mta-target-suite.ts';

// Haraka 3.1 from npm on Debian's Node.js 18, stock and hardened: containers/haraka/findings.ts lists every verdict that is not PASS.
describeMtaTarget(harakaFindings, {
  by: /by mail\.example\.test \(Haraka\/3\.1\.\d+\) with ESMTPSA id [\w.-]+/,
  tls: /\btls TLS_[A-Z0-9_]+/,
});
