import { describeMtaTarget } from '../../test/targets/mta-target-suite.ts';
import { exim } from './index.ts';

// Exim 4.96 from Debian, stock and hardened: its findings.ts lists every verdict that is not PASS.
describeMtaTarget(exim, {
  by: /by mail\.example\.test\s+with esmtpsa\s+\(TLS1\.[23]\)\s+tls \S+\s+\(Exim 4\.96\)/,
  tls: /tls TLS_[A-Z0-9_]+/,
});
