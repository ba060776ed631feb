import { courierFindings } from '../../containers/courier/findings.ts';
import { describeMtaTarget } from './mta-target-suite.ts';

// Courier MTA 1.0 from Debian, stock and hardened: containers/courier/findings.ts lists every verdict that is not PASS.
describeMtaTarget(courierFindings, {
  by: /by mail\.example\.test with ESMTPSA id [\w.]+/,
  tls: /\((?:AUTH: \w+ alice, )?(?:TLS|SSL): TLS1\.[23],\d+bits,[A-Z0-9_]+\)/,
});
