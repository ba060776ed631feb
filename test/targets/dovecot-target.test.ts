import { dovecotFindings } from '../../containers/dovecot/findings.ts';
import { describeMtaTarget } from './mta-target-suite.ts';

// Dovecot 2.3 submission from Debian, stock and hardened: containers/dovecot/findings.ts lists every verdict that is not PASS.
// Its Received header records ESMTPSA but no cipher (a finding), so only the "by" clause is checked.
describeMtaTarget(dovecotFindings, {
  by: /by mail\.example\.test with ESMTPSA id \S+/,
  tls: /with ESMTPSA/,
});
