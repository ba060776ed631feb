import { eximFindings } from '../../containers/exim/findings.ts';
import { describeMtaTarget } from './mta-target-suite.ts';

// Exim 4.96 from Debian, stock and hardened: containers/exim/findings.ts lists every verdict that is not PASS.
describeMtaTarget(eximFindings, {
  by: /by mail\.example\.test\s+with esmtpsa\s+\(TLS1\.[23]\)\s+tls \S+\s+\(Exim 4\.96\)/,
  tls: /tls TLS_[A-Z0-9_]+/,
});
