import { sendmailFindings } from '../../containers/sendmail/findings.ts';
import { describeMtaTarget } from './mta-target-suite.ts';

// sendmail 8.17 from Debian bookworm, stock and hardened: containers/sendmail/findings.ts lists every verdict that is not PASS.
describeMtaTarget(sendmailFindings, {
  by: /by mail\.example\.test \(8\.17\.[\d.]+\/8\.17\.[\d.]+\/Debian-[^)]*\) with ESMTPSA id \w+/,
  tls: /\(version=TLSv1\.[23] cipher=\S+/,
});
