import { describeMtaTarget } from '../../test/targets/mta-target-suite.ts';
import { sendmail } from './index.ts';

// sendmail 8.17 from Debian bookworm, stock and hardened: its findings.ts lists every verdict that is not PASS.
describeMtaTarget(sendmail, {
  by: /by mail\.example\.test \(8\.17\.[\d.]+\/8\.17\.[\d.]+\/Debian-[^)]*\) with ESMTPSA id \w+/,
  tls: /\(version=TLSv1\.[23] cipher=\S+/,
});
