import { describeMtaTarget } from '../../test/targets/mta-target-suite.ts';
import { courier } from './index.ts';

// Courier MTA 1.0 from Debian, stock and hardened: its findings.ts lists every verdict that is not PASS.
describeMtaTarget(courier, {
  by: /by mail\.example\.test with ESMTPSA id [\w.]+/,
  tls: /\((?:AUTH: \w+ alice, )?(?:TLS|SSL): TLS1\.[23],\d+bits,[A-Z0-9_]+\)/,
});
