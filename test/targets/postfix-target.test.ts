import { postfixFindings } from '../../containers/postfix/findings.ts';
import { describeMtaTarget } from './mta-target-suite.ts';

// Postfix 3.7 from Debian, stock and hardened: containers/postfix/findings.ts lists every verdict that is not PASS.
describeMtaTarget(postfixFindings, {
  by: /by mail\.example\.test \(Postfix\) with ESMTPSA id \w+/,
  tls: /\(using TLSv1\.[23] with cipher \S+/,
});
