import { describeMtaTarget } from '../../test/targets/mta-target-suite.ts';
import { dovecot } from './index.ts';

// Dovecot 2.3 submission from Debian, stock and hardened: its findings.ts lists every verdict that is not PASS.
// Its Received header records ESMTPSA but no cipher (a finding), so only the "by" clause is checked.
describeMtaTarget(dovecot, {
  by: /by mail\.example\.test with ESMTPSA id \S+/,
  tls: /with ESMTPSA/,
});
