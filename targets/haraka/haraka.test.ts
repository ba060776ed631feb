import { describeMtaTarget } from '../../test/targets/mta-target-suite.ts';
import { haraka } from './index.ts';

// Haraka 3.1 from npm on Debian's Node.js 18, stock and hardened: its findings.ts lists every verdict that is not PASS.
describeMtaTarget(haraka, {
  by: /by mail\.example\.test \(Haraka\/3\.1\.\d+\) with ESMTPSA id [\w.-]+/,
  tls: /\btls TLS_[A-Z0-9_]+/,
});
