import { describeMtaTarget } from '../../test/targets/mta-target-suite.ts';
import { postfix } from './index.ts';

// Postfix 3.7 from Debian, stock and hardened: its findings.ts lists every verdict that is not PASS.
describeMtaTarget(postfix, {
  by: /by mail\.example\.test \(Postfix\) with ESMTPSA id \w+/,
  tls: /\(using TLSv1\.[23] with cipher \S+/,
});
