import { describe, expect, it } from 'vitest';
import type { CaseDefinition, Judgement } from '../../harness/model/case.ts';
import { pipelinedEhlo } from '../../suites/injection/1/pipelined-ehlo.ts';
import { pipelinedNoop } from '../../suites/injection/1/pipelined-noop.ts';
import { pipelinedRset } from '../../suites/injection/1/pipelined-rset.ts';
import { noStarttlsAfterTls } from '../../suites/rfc3207/4.2/no-starttls-after-tls.ts';
import { secondStarttlsRefused } from '../../suites/rfc3207/4.2/second-starttls-refused.ts';
import { starttlsAdvertised } from '../../suites/rfc3207/4/starttls-advertised.ts';
import { starttlsWithParameter } from '../../suites/rfc3207/4/starttls-with-parameter.ts';
import { refusesAddress } from '../../harness/model/envelope.ts';
import { receivedNaming } from '../../harness/run/relayed-message.ts';
import { pipelinedRepliesInOrder } from '../../suites/rfc2920/3.2/replies-in-order.ts';
import { authForgottenAfterTls } from '../../suites/rfc3207/4.2/auth-forgotten.ts';
import { ehloForgottenAfterTls } from '../../suites/rfc3207/4.2/ehlo-forgotten.ts';
import { envelopeForgottenAfterTls } from '../../suites/rfc3207/4.2/envelope-forgotten.ts';
import { tlsRequiredBeforeMail } from '../../suites/rfc3207/4/tls-required.ts';
import { authLoginSucceeds } from '../../suites/rfc4954/4/auth-login-succeeds-after-tls.ts';
import { authPlainSucceeds } from '../../suites/rfc4954/4/auth-plain-succeeds-after-tls.ts';
import { loginAuthRefusedBeforeTls } from '../../suites/rfc4954/4/auth-login-refused-before-tls.ts';
import { plainAuthRefusedBeforeTls } from '../../suites/rfc4954/4/auth-plain-refused-before-tls.ts';
import { plaintextMechanismsNotAdvertised } from '../../suites/rfc4954/4/no-plain-auth-advertised-before-tls.ts';
import { line10k } from '../../suites/rfc5321/4.5.3.1.4/line-10000-octets.ts';
import { line600 } from '../../suites/rfc5321/4.5.3.1.4/line-600-octets.ts';
import { ehloResetsTransaction } from '../../suites/rfc5321/4.1.4/ehlo-resets-transaction.ts';
import { mailRequiresAuthentication } from '../../suites/rfc6409/4.3/mail-requires-auth.ts';
import { submitsEndToEnd } from '../../suites/rfc6409/submission/end-to-end.ts';
import { bothServices } from '../../suites/rfc8314/3.3/both-services.ts';
import { receivedRecordsTls } from '../../suites/rfc8314/4.3/received-records-tls.ts';
import { greetingInsideTls } from '../../suites/rfc8314/3.3/greeting-inside-tls.ts';
import { plaintextFirstUnanswered } from '../../suites/rfc8314/3.3/plaintext-first-unanswered.ts';

/** The observation type a case's judge takes. */
type Obs<C> = C extends CaseDefinition<infer O> ? O : never;

/** Judges a hand-made observation after a JSON round trip, as a stored observation would be. */
function judge<C extends CaseDefinition<any>>(testCase: C, observation: Obs<C>): Judgement {
  return testCase.judge(JSON.parse(JSON.stringify(observation)));
}

describe('injection/1 pipelined STARTTLS oracle (CVE-2011-0411)', () => {
  for (const testCase of [pipelinedNoop, pipelinedRset, pipelinedEhlo]) {
    describe(testCase.id, () => {
      it('reply inside TLS before the client spoke → violates', () => {
        const j = judge(testCase, { stage: 'unsolicited', bytes: '250 2.0.0 Ok\r\n' });
        expect(j.outcome).toBe('violates');
        expect(j.seen).toBe('injected command executed');
        expect(j.actual).toContain('250 2.0.0 Ok');
      });

      it('two replies to one NOOP → violates', () => {
        const j = judge(testCase, { stage: 'answered', replies: ['250 2.0.0 Ok', '250 2.0.0 Ok\r\n'] });
        expect(j.outcome).toBe('violates');
        expect(j.seen).toBe('injected command executed late');
      });

      it('exactly one reply to NOOP → conforms, seen "discarded"', () => {
        expect(judge(testCase, { stage: 'answered', replies: ['250 2.0.0 Ok'] })).toMatchObject({ outcome: 'conforms', seen: 'discarded' });
      });

      it('STARTTLS refused → conforms, seen "refused"', () => {
        const j = judge(testCase, { stage: 'refused', reply: '554 5.5.1 pipelining not allowed' });
        expect(j).toMatchObject({ outcome: 'conforms', seen: 'refused' });
        expect(j.actual).toContain('554 5.5.1');
      });

      it('closed or handshake aborted → conforms', () => {
        expect(judge(testCase, { stage: 'closed', when: 'after the handshake' })).toMatchObject({ outcome: 'conforms', seen: 'closed' });
        const aborted = judge(testCase, { stage: 'handshake-aborted', reason: 'closed', plaintextAfterReady: '250 Ok\r\n' });
        expect(aborted).toMatchObject({ outcome: 'conforms', seen: 'handshake aborted' });
        expect(aborted.actual).toContain('server sent in clear after 220: 250 Ok\\x0d');
      });

      it('escapes control characters of hostile bytes in the actual text', () => {
        expect(judge(testCase, { stage: 'unsolicited', bytes: '\x1b[2J250 Ok' }).actual).not.toContain('\x1b');
      });
    });
  }
});

describe('rfc4954/4 AUTH before TLS oracles', () => {
  for (const testCase of [plainAuthRefusedBeforeTls, loginAuthRefusedBeforeTls]) {
    describe(testCase.id, () => {
      it.each([
        [[235], /accepted in clear \(235\)/],
        [[535], /credentials evaluated in clear \(535\)/],
        [[334], /asked for credentials in clear \(334\)/],
        [[334, 334, 535], /credentials evaluated in clear \(535\)/],
        [[334, 334, 235], /accepted in clear \(235\)/],
        [[454], /unexpected 454/],
        [[250], /unexpected 250/],
        [[], /unexpected 0/],
      ])('codes %j → violates', (codes, seen) => {
        const j = judge(testCase, { replies: codes.map((c) => `${c} text`), codes });
        expect(j.outcome).toBe('violates');
        expect(j.seen).toMatch(seen);
      });

      it.each([[530], [538], [523], [502], [503], [504]])('code %i → conforms', (code) => {
        expect(judge(testCase, { replies: [`${code} text`], codes: [code] })).toMatchObject({ outcome: 'conforms', seen: `refused with ${code}` });
      });

      it('another refusal (Courier: 400 "STARTTLS is required first.") → conforms, the code noted', () => {
        expect(judge(testCase, { replies: ['400 STARTTLS is required first.'], codes: [400] })).toMatchObject({ outcome: 'conforms', seen: expect.stringMatching(/^refused with 400, a code RFC 4954 does not give/) });
      });
    });
  }

  it('no-plain-auth-advertised: PLAIN or LOGIN before TLS → violates; other mechanisms or none → conforms', () => {
    expect(judge(plaintextMechanismsNotAdvertised, { mechanisms: ['PLAIN'] }).outcome).toBe('violates');
    expect(judge(plaintextMechanismsNotAdvertised, { mechanisms: ['CRAM-MD5', 'LOGIN'] }).outcome).toBe('violates');
    expect(judge(plaintextMechanismsNotAdvertised, { mechanisms: ['SCRAM-SHA-256'] }).outcome).toBe('conforms');
    expect(judge(plaintextMechanismsNotAdvertised, { mechanisms: [] })).toMatchObject({ outcome: 'conforms', actual: 'no AUTH advertised before TLS' });
  });
});

describe('rfc3207/4/tls-required oracle', () => {
  const step = (command: string, code: number) => ({ command, code, text: `${code} text` });
  const conforming = [step('MAIL', 530), step('RCPT', 503), step('DATA', 530), step('AUTH', 538), step('NOOP', 250)];

  it('530 / 503 / 530 / 538 and NOOP 250 → conforms', () => {
    expect(judge(tlsRequiredBeforeMail, { steps: conforming })).toMatchObject({ outcome: 'conforms', seen: 'MAIL 530, RCPT 503, DATA 530, AUTH 538, NOOP 250' });
  });

  it('AUTH 504, a mechanism that requires an encryption layer (RFC 4954 §4) → conforms', () => {
    const steps = conforming.map((s) => (s.command === 'AUTH' ? step('AUTH', 504) : s));
    expect(judge(tlsRequiredBeforeMail, { steps })).toMatchObject({ outcome: 'conforms', seen: 'MAIL 530, RCPT 503, DATA 530, AUTH 504, NOOP 250' });
  });

  it.each([
    ['MAIL accepted', 0, 250, 'MAIL 250'],
    ['MAIL 503 (only RCPT and DATA may say out of sequence)', 0, 503, 'MAIL 503'],
    ['AUTH 535 (credentials evaluated in clear)', 3, 535, 'AUTH 535'],
    ['AUTH 334', 3, 334, 'AUTH 334'],
    ['NOOP refused', 4, 530, 'NOOP 530'],
  ])('%s → violates', (_what, index, code, seen) => {
    const steps = conforming.map((s, i) => (i === index ? step(s.command, code) : s));
    expect(judge(tlsRequiredBeforeMail, { steps })).toMatchObject({ outcome: 'violates', seen: `unexpected: ${seen}` });
  });

  it('DATA 354 (the run stops there) → violates', () => {
    const steps = [step('MAIL', 250), step('RCPT', 250), step('DATA', 354)];
    expect(judge(tlsRequiredBeforeMail, { steps })).toMatchObject({ outcome: 'violates', seen: 'unexpected: MAIL 250, RCPT 250, DATA 354' });
  });

  it('AUTH 504 (RFC 4954 §4: a mechanism that requires an encryption layer) → conforms', () => {
    const steps = conforming.map((s) => (s.command === 'AUTH' ? step('AUTH', 504) : s));
    expect(judge(tlsRequiredBeforeMail, { steps }).outcome).toBe('conforms');
  });

  it('a 421 is not the command\'s answer: the answer on a fresh connection is judged, the 421 shown', () => {
    const steps = conforming.map((s) => (s.command === 'DATA' ? { ...step('DATA', 503), after421: '421 4.5.0 Too many errors, bye', connection: 3 } : s));
    const j = judge(tlsRequiredBeforeMail, { steps });
    expect(j.outcome).toBe('conforms');
    expect(j.actual).toContain('DATA → 421 4.5.0 Too many errors, bye; on a fresh connection: 503 text');
  });
});

describe('rfc8314/3.3 implicit TLS oracles', () => {
  describe('plaintext-first-unanswered', () => {
    it.each(['220 mail.example.test ESMTP\r\n', '250-mail.example.test\r\n', '554\r\n', '500 5.5.1 what?\r\n'])('SMTP reply in clear %j → violates', (bytes) => {
      expect(judge(plaintextFirstUnanswered, { bytes, closed: false }).outcome).toBe('violates');
    });

    it('TLS alert record → conforms, seen "TLS alert"', () => {
      expect(judge(plaintextFirstUnanswered, { bytes: '\x15\x03\x03\x00\x02\x02\x46', closed: true })).toMatchObject({ outcome: 'conforms', seen: 'TLS alert', actual: 'TLS alert record' });
    });

    it('closed without a byte → conforms, seen "closed"', () => {
      expect(judge(plaintextFirstUnanswered, { bytes: '', closed: true })).toMatchObject({ outcome: 'conforms', seen: 'closed' });
    });

    it('silence → conforms, seen "silence"', () => {
      expect(judge(plaintextFirstUnanswered, { bytes: '', closed: false })).toMatchObject({ outcome: 'conforms', seen: 'silence' });
    });

    it('other non-SMTP bytes → conforms, shown escaped', () => {
      const j = judge(plaintextFirstUnanswered, { bytes: '\x16\x03\x03\x00', closed: false });
      expect(j).toMatchObject({ outcome: 'conforms', seen: 'non-SMTP bytes' });
      expect(j.actual).toContain('\\x16\\x03\\x03\\x00');
    });
  });

  describe('greeting-inside-tls', () => {
    it('handshake failed → violates', () => {
      expect(judge(greetingInsideTls, { handshake: 'failed', reason: 'wrong version number' }).outcome).toBe('violates');
    });

    it('TLS then a greeting other than 220 → violates', () => {
      expect(judge(greetingInsideTls, { handshake: 'ok', greeting: '554 no', code: 554, protocol: 'TLSv1.3' }).outcome).toBe('violates');
    });

    it('TLS then 220 → conforms', () => {
      expect(judge(greetingInsideTls, { handshake: 'ok', greeting: '220 hi', code: 220, protocol: 'TLSv1.3' })).toMatchObject({ outcome: 'conforms', actual: 'TLS (TLSv1.3) then 220 hi' });
    });
  });

  describe('both-services', () => {
    it('both offered → conforms; either missing or broken → violates', () => {
      expect(judge(bothServices, { implicit: 'offered', starttls: 'offered' }).outcome).toBe('conforms');
      expect(judge(bothServices, { implicit: 'not configured', starttls: 'offered' }).outcome).toBe('violates');
      expect(judge(bothServices, { implicit: 'offered', starttls: 'answers but does not advertise STARTTLS' }).outcome).toBe('violates');
    });
  });
});

describe('rfc3207 STARTTLS oracles', () => {
  it('starttls-with-parameter: 501 then NOOP 250 → conforms; 220 or another refusal → a SHOULD (no RFC 2119 keyword on 501); a broken session after the refusal → the case\'s MUST', () => {
    expect(judge(starttlsWithParameter, { starttls: 501, starttlsText: '501 5.5.4 no parameters', noop: 250 }).outcome).toBe('conforms');
    expect(judge(starttlsWithParameter, { starttls: 220, starttlsText: '220 go' })).toMatchObject({ outcome: 'violates', breaks: { level: 'SHOULD' } });
    expect(judge(starttlsWithParameter, { starttls: 454, starttlsText: '454 no', noop: 250 })).toMatchObject({ outcome: 'violates', breaks: { level: 'SHOULD' } });
    expect(judge(starttlsWithParameter, { starttls: 502, starttlsText: '502 5.5.2 no', noop: 250 })).toMatchObject({ outcome: 'violates', seen: 'refused with 502', breaks: { level: 'SHOULD' } });
    const broken = judge(starttlsWithParameter, { starttls: 501, starttlsText: '501 no', noopError: 'connection closed' });
    expect(broken.outcome).toBe('violates');
    expect(broken.breaks).toBeUndefined();
    expect(broken.actual).toContain('connection closed');
  });

  it('second-starttls-refused: only 220 violates; 454 (RFC 3207 §4 lists it) and 5xx refuse', () => {
    expect(judge(secondStarttlsRefused, { code: 220, text: '220 go' }).outcome).toBe('violates');
    expect(judge(secondStarttlsRefused, { code: 454, text: '454 4.7.0 TLS not available' })).toMatchObject({ outcome: 'conforms', seen: 'refused with 454' });
    expect(judge(secondStarttlsRefused, { code: 503, text: '503 5.5.1 already' }).outcome).toBe('conforms');
  });

  it('starttls-advertised and no-starttls-after-tls look for the STARTTLS keyword', () => {
    expect(judge(starttlsAdvertised, { keywords: ['PIPELINING', 'STARTTLS'] }).outcome).toBe('conforms');
    expect(judge(starttlsAdvertised, { keywords: [] }).outcome).toBe('violates');
    expect(judge(noStarttlsAfterTls, { keywords: ['AUTH', 'STARTTLS'], protocol: 'TLSv1.3' }).outcome).toBe('violates');
    expect(judge(noStarttlsAfterTls, { keywords: ['AUTH'], protocol: 'TLSv1.3' }).outcome).toBe('conforms');
  });
});

describe('rfc4954 and rfc6409 success oracles', () => {
  it('auth succeeds: 235 → conforms, 535 → violates, no credentials or mechanism → na', () => {
    for (const testCase of [authPlainSucceeds, authLoginSucceeds]) {
      expect(judge(testCase, { offered: ['PLAIN', 'LOGIN'], code: 235, reply: '235 ok' }).outcome).toBe('conforms');
      expect(judge(testCase, { offered: ['PLAIN', 'LOGIN'], code: 535, reply: '535 no' }).outcome).toBe('violates');
      expect(judge(testCase, { offered: [], noCredentials: true }).outcome).toBe('na');
    }
    // LOGIN is optional: not advertised → na. PLAIN is not (RFC 4954 §4): it is tried anyway.
    expect(judge(authLoginSucceeds, { offered: ['XOAUTH2'], advertised: false, anyAuth: true }).outcome).toBe('na');
  });

  it('auth-plain: no PLAIN inside TLS, or valid credentials refused there → violates R4954-plain / R6409-auth at MUST (aiosmtpd on 465)', () => {
    const none = judge(authPlainSucceeds, { offered: [], advertised: false, anyAuth: false, code: 538, reply: '538 5.7.11 Encryption required' });
    expect(none).toMatchObject({ outcome: 'violates', seen: 'no PLAIN inside TLS', breaks: { requirements: ['R4954-plain', 'R6409-auth'], level: 'MUST' } });
    expect(none.actual).toContain('no AUTH at all');
    const refused = judge(authPlainSucceeds, { offered: ['PLAIN'], advertised: true, anyAuth: true, code: 535, reply: '535 no' });
    expect(refused).toMatchObject({ outcome: 'violates', seen: 'valid credentials refused', breaks: { requirements: ['R4954-ok', 'R6409-auth'] } });
    expect(judge(authPlainSucceeds, { offered: ['LOGIN'], advertised: false, anyAuth: true, code: 235, reply: '235 ok' })).toMatchObject({ outcome: 'conforms', seen: 'works, not advertised' });
  });

  it('mail-requires-auth: MAIL accepted → violates; 530 → conforms; other refusal → conforms, seen says so', () => {
    // Recipient accepted too: anyone may submit, a security finding (the case's own category).
    const granted = judge(mailRequiresAuthentication, { mail: 250, mailText: '250 ok', rcpt: '250 ok', rcptCode: 250 });
    expect(granted).toMatchObject({ outcome: 'violates', seen: 'recipient accepted without authentication' });
    expect(granted.breaks).toBeUndefined();
    // Refusal deferred to RCPT (Postfix's smtpd_delay_reject): RFC 6409 §4.3 broken, nothing granted.
    const deferred = judge(mailRequiresAuthentication, { mail: 250, mailText: '250 ok', rcpt: '554 5.7.1 relay denied', rcptCode: 554 });
    expect(deferred).toMatchObject({ outcome: 'violates', seen: 'refusal deferred to RCPT', breaks: { category: 'conformance' } });
    expect(judge(mailRequiresAuthentication, { mail: 530, mailText: '530 auth first' })).toMatchObject({ outcome: 'conforms', seen: '530' });
    expect(judge(mailRequiresAuthentication, { mail: 554, mailText: '554 no' })).toMatchObject({ outcome: 'conforms', seen: 'refused with 554, not 530' });
  });

  it('submission end-to-end: every expected code → conforms; the first wrong step is seen', () => {
    const ok = [
      { step: 'AUTH', code: 235, text: '235' },
      { step: 'MAIL', code: 250, text: '250' },
      { step: 'RCPT', code: 250, text: '250' },
      { step: 'DATA', code: 354, text: '354' },
      { step: '.', code: 250, text: '250' },
    ];
    expect(judge(submitsEndToEnd, { steps: ok }).outcome).toBe('conforms');
    expect(judge(submitsEndToEnd, { steps: [...ok.slice(0, 2), { step: 'RCPT', code: 554, text: '554' }] })).toMatchObject({ outcome: 'violates', seen: 'RCPT answered 554' });
    expect(judge(submitsEndToEnd, { steps: [], noCredentials: true }).outcome).toBe('na');
    expect(judge(submitsEndToEnd, { steps: [], noMechanism: ['XOAUTH2'] }).outcome).toBe('na');
  });
});

describe('oracles that real MTAs showed too narrow', () => {
  it('line length: 421 then close → conforms (RFC 5321 §3.8); no reply → violates; a refusal then a close → conforms only for the abnormal 10,000 octets (§7.8)', () => {
    for (const testCase of [line600, line10k]) {
      expect(judge(testCase, { long: '421 4.7.0 Command too long', longCode: 421, lost: 'connection closed', closed: true }).outcome).toBe('conforms');
      expect(judge(testCase, { long: '421 4.7.0 Command too long', longCode: 421, lost: 'timeout', closed: false }).outcome).toBe('violates');
      expect(judge(testCase, { lost: 'connection closed', closed: true }).outcome).toBe('violates');
    }
    expect(judge(line600, { long: '500 5.0.0 Command line too long', longCode: 500, lost: 'connection closed', closed: true }).outcome).toBe('violates');
    expect(judge(line10k, { long: '554 error reading command: line too long', longCode: 554, lost: 'connection closed', closed: true })).toMatchObject({ outcome: 'conforms', seen: '554, then closed (RFC 5321 §7.8)' });
  });

  it('ehlo-resets-transaction: EHLO refused inside the transaction → na (§4.1.4 binds an acceptable EHLO only)', () => {
    expect(judge(ehloResetsTransaction, { steps: ['MAIL → 250', 'EHLO → 503'], ehloCode: 503 }).outcome).toBe('na');
    expect(judge(ehloResetsTransaction, { steps: [], ehloCode: 250, rcptCode: 250 }).outcome).toBe('violates');
    expect(judge(ehloResetsTransaction, { steps: [], ehloCode: 250, rcptCode: 503, mailAgainCode: 250 }).outcome).toBe('conforms');
    expect(judge(ehloResetsTransaction, { steps: [], ehloCode: 250, rcptCode: 503, mailAgainLost: 'connection closed by server while waiting for reply to MAIL' })).toMatchObject({ outcome: 'violates', seen: 'the session broke at the first MAIL after the reset' });
    expect(judge(ehloResetsTransaction, { steps: [], ehloCode: 250, rcptCode: 503, mailAgainCode: 503 }).outcome).toBe('violates');
    expect(judge(ehloResetsTransaction, { steps: ['MAIL → 250', 'EHLO → 250'], ehloCode: 250, rcptLost: 'timed out after 5000 ms waiting for reply to RCPT' })).toMatchObject({ outcome: 'violates', seen: expect.stringMatching(/no reply to RCPT/) });
  });

  it('received-records-tls: OpenSMTPD\'s "(TLSv1.3:<cipher>:<bits>:<verify>)" comment names the cipher suite', () => {
    const received = 'from client.msaspec.test (<unknown> [172.17.0.1]) by mail.example.test (OpenSMTPD) with ESMTPSA id 0ee51fbf (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO) for <recipient@example.test>';
    expect(judge(receivedRecordsTls, { protocol: 'TLSv1.3 TLS_AES_256_GCM_SHA384', received }).outcome).toBe('conforms');
    expect(judge(receivedRecordsTls, { protocol: 'TLSv1.3 x', received: 'from x by y with ESMTPSA id 1 (256:NO)' }).outcome).toBe('violates');
  });

  it('received-records-tls: Courier\'s "(TLS: TLS1.3,256bits,<kx_cipher_mac>)" comment names the cipher suite', () => {
    const received = 'from client.msaspec.test ([::ffff:172.17.0.1]) (AUTH: PLAIN alice, SSL: TLS1.3,256bits,ECDHE_RSA_AES_256_GCM_SHA384) by mail.example.test with ESMTPSA id 0000000000229;';
    expect(judge(receivedRecordsTls, { protocol: 'TLSv1.3 TLS_AES_256_GCM_SHA384', received }).outcome).toBe('conforms');
  });
});

describe('rfc3207/4.2 state reset oracles', () => {
  it('STARTTLS refused over the pre-TLS state (Courier: 540) → na: no handshake for the state to cross', () => {
    expect(judge(envelopeForgottenAfterTls, { preTlsMail: '250 Ok.', preTlsCode: 250, starttlsRefused: '540 TLS not available.' }).outcome).toBe('na');
    expect(judge(authForgottenAfterTls, { probe: '535', probeCode: 535, auth: '235 Ok', authCode: 235, starttlsRefused: '540 TLS not available.' }).outcome).toBe('na');
    expect(judge(envelopeForgottenAfterTls, { preTlsMail: '250 Ok.', preTlsCode: 250, rcpt: '250 Ok.', rcptCode: 250 }).outcome).toBe('violates');
  });
});

describe('policy refusals of foreign addresses (live hosts, issue 12)', () => {
  it('refusesAddress: 5.7.x and 5.1.x refusals, and 450/550/551/553 without an enhanced code; never protocol, session or authentication codes', () => {
    for (const text of ['550 5.7.1 Sender address rejected: not owned by user', '554 5.7.1 <a@b.test>: Relay access denied', '553 5.7.1 Sender address rejected', '450 4.1.2 <r@example.test>: Recipient address rejected: Domain not found', '451 4.7.1 Greylisted', '550 relay not permitted', '553 sorry, that domain isn\'t in my list of allowed rcpthosts']) {
      expect(refusesAddress(text), text).toBe(true);
    }
    for (const text of ['250 2.1.0 Ok', '530 5.7.0 Authentication required', '503 5.5.1 Error: need MAIL command', '501 5.1.7 Bad sender address syntax', '421 4.7.0 Too many errors', '554 Transaction failed', '451 4.3.0 Local error', '535 5.7.8 Authentication credentials invalid', '552 5.3.4 Message too big']) {
      expect(refusesAddress(text), text).toBe(false);
    }
  });

  it('submission end-to-end: a sender or recipient refused by policy → na naming --mail-from / --rcpt-to', () => {
    const auth = { step: 'AUTH', code: 235, text: '235 2.7.0 ok' };
    const mail = judge(submitsEndToEnd, { steps: [auth, { step: 'MAIL', code: 550, text: '550 5.7.1 Sender address rejected: not owned by user alice' }] });
    expect(mail).toMatchObject({ outcome: 'na', actual: expect.stringMatching(/RFC 6409 §6\.1.*--mail-from/) });
    const rcpt = judge(submitsEndToEnd, { steps: [auth, { step: 'MAIL', code: 250, text: '250 ok' }, { step: 'RCPT', code: 554, text: '554 5.7.1 Relay access denied' }] });
    expect(rcpt).toMatchObject({ outcome: 'na', actual: expect.stringMatching(/--rcpt-to/) });
    // A refusal that is not about the address stays a finding.
    expect(judge(submitsEndToEnd, { steps: [auth, { step: 'MAIL', code: 530, text: '530 5.7.0 Authentication required' }] }).outcome).toBe('violates');
  });

  it('ehlo-resets-transaction: a sender refused by policy → na naming --mail-from', () => {
    const j = judge(ehloResetsTransaction, { steps: ['MAIL → 550 5.7.1 not owned'], mailRefused: '550 5.7.1 not owned' });
    expect(j).toMatchObject({ outcome: 'na', actual: expect.stringMatching(/--mail-from/) });
  });
});

describe('rfc2920/3.2/replies-in-order judges order, not what the replies granted', () => {
  const replies = (codes: number[]) => codes.map((c, i) => `${['MAIL', 'RCPT', 'RCPT', 'DATA'][i]} → ${c}`);
  it('a whole transaction in order → conforms', () => {
    expect(judge(pipelinedRepliesInOrder, { replies: replies([250, 250, 250, 354]), codes: [250, 250, 250, 354], final: '250 ok', finalCode: 250 })).toMatchObject({ outcome: 'conforms', seen: 'four replies in order' });
  });
  it('chasquid: 501, 503, then 421 and the close → conforms (a 421 may end the session, RFC 5321 §3.8)', () => {
    const j = judge(pipelinedRepliesInOrder, { replies: replies([501, 503, 421]), codes: [501, 503, 421] });
    expect(j.outcome).toBe('conforms');
    expect(j.seen).toMatch(/3 replies in order, then 421/);
    expect(j.actual).toMatch(/--mail-from/);
  });
  it('a refused sender with every later command answered in place → conforms, naming --mail-from', () => {
    const j = judge(pipelinedRepliesInOrder, { replies: replies([550, 503, 503, 503]), codes: [550, 503, 503, 503] });
    expect(j).toMatchObject({ outcome: 'conforms', seen: 'four replies in order; transaction refused' });
  });
  it('recipients refused by policy → conforms, naming --rcpt-to; a refused end of data is still one reply in order', () => {
    expect(judge(pipelinedRepliesInOrder, { replies: replies([250, 554, 554, 503]), codes: [250, 554, 554, 503] }).actual).toMatch(/--rcpt-to/);
    expect(judge(pipelinedRepliesInOrder, { replies: replies([250, 250, 250, 354]), codes: [250, 250, 250, 354], final: '451 4.3.0 Local error', finalCode: 451 }).outcome).toBe('conforms');
  });
  it('lost replies, replies out of place, or no reply to the end of data → violates', () => {
    expect(judge(pipelinedRepliesInOrder, { replies: replies([250]), codes: [250], lost: 'timed out' })).toMatchObject({ outcome: 'violates', seen: '1 of 4 replies, without a 421' });
    expect(judge(pipelinedRepliesInOrder, { replies: replies([250, 250, 354, 250]), codes: [250, 250, 354, 250], final: '250', finalCode: 250 })).toMatchObject({ outcome: 'violates', seen: expect.stringMatching(/out of order: RCPT answered 354/) });
    expect(judge(pipelinedRepliesInOrder, { replies: replies([550, 250, 250, 354]), codes: [550, 250, 250, 354] })).toMatchObject({ outcome: 'violates', seen: expect.stringMatching(/RCPT answered 250 though MAIL was refused/) });
    expect(judge(pipelinedRepliesInOrder, { replies: replies([250, 250, 250, 250]), codes: [250, 250, 250, 250] }).seen).toMatch(/DATA answered 250/);
    expect(judge(pipelinedRepliesInOrder, { replies: replies([250, 250, 250, 354]), codes: [250, 250, 250, 354], finalLost: 'timed out' }).outcome).toBe('violates');
  });
  it('a 421 to the first command → na: no order to see', () => {
    expect(judge(pipelinedRepliesInOrder, { replies: replies([421]), codes: [421] }).outcome).toBe('na');
  });
});

describe('rfc3207/4.2 oracles after the audit (issue 12)', () => {
  it('envelope-forgotten: RCPT refused by relay policy is no answer; a second MAIL is (503 nested = kept, 250 = forgotten)', () => {
    const base = { preTlsMail: '250 Ok', preTlsCode: 250, rcpt: '554 5.7.1 Relay access denied', rcptCode: 554 };
    expect(judge(envelopeForgottenAfterTls, { ...base, mailAgain: '503 5.5.1 Error: nested MAIL command', mailAgainCode: 503 })).toMatchObject({ outcome: 'violates', seen: expect.stringMatching(/nested/) });
    expect(judge(envelopeForgottenAfterTls, { ...base, mailAgain: '250 2.1.0 Ok', mailAgainCode: 250 }).outcome).toBe('conforms');
    expect(judge(envelopeForgottenAfterTls, { ...base, mailAgain: '530 5.7.0 Authentication required', mailAgainCode: 530 })).toMatchObject({ outcome: 'info', actual: expect.stringMatching(/--rcpt-to/) });
    expect(judge(envelopeForgottenAfterTls, { preTlsMail: '250 Ok', preTlsCode: 250, rcpt: '503 5.5.1 Error: need MAIL command', rcptCode: 503 }).outcome).toBe('conforms');
  });

  it('ehlo-forgotten: a 503 proves the EHLO forgotten; another refusal only when a session that never sent EHLO gets it too and authenticates after EHLO', () => {
    expect(judge(ehloForgottenAfterTls, { afterTls: 503, afterTlsText: '503 5.5.1 Error: send HELO/EHLO first' }).outcome).toBe('conforms');
    expect(judge(ehloForgottenAfterTls, { afterTls: 535, afterTlsText: '535 5.7.8 no' }).outcome).toBe('info');
    expect(judge(ehloForgottenAfterTls, { afterTls: 530, afterTlsText: '530 5.7.0 Must issue STARTTLS' }).outcome).toBe('info');
    expect(judge(ehloForgottenAfterTls, { afterTls: 235, afterTlsText: '235 ok', control: 503, controlText: '503 send EHLO first' }).outcome).toBe('violates');
    expect(judge(ehloForgottenAfterTls, { afterTls: 235, afterTlsText: '235 ok', control: 535, controlText: '535 no' }).outcome).toBe('info');
    expect(judge(ehloForgottenAfterTls, { afterTls: 235, afterTlsText: '235 ok', submission: ['MAIL → 550 5.7.1 not yours'] }).outcome).toBe('info');
    // Haraka: AUTH is unknown (500) until EHLO advertised it, inside TLS as in a fresh session.
    const haraka = { afterTls: 500, afterTlsText: '500 Unrecognized command', control: 500, controlText: '500 Unrecognized command' };
    expect(judge(ehloForgottenAfterTls, { ...haraka, controlAfterEhlo: 235 })).toMatchObject({ outcome: 'conforms', seen: 'refused with 500, as a session that never sent EHLO is' });
    expect(judge(ehloForgottenAfterTls, { ...haraka, controlAfterEhlo: 535 }).outcome).toBe('info');
    expect(judge(ehloForgottenAfterTls, { ...haraka, control: 535, controlText: '535 no', controlAfterEhlo: 235 }).outcome).toBe('info');
    expect(judge(ehloForgottenAfterTls, { afterTls: 235, afterTlsText: '235 ok', control: 500, controlText: '500 Unrecognized command', controlAfterEhlo: 235 }).outcome).toBe('violates');
    expect(judge(ehloForgottenAfterTls, { afterTls: 235, afterTlsText: '235 ok', submission: ['MAIL → 503 5.5.1 send EHLO first'] }).outcome).toBe('conforms');
  });

  it('auth-forgotten: on a live host the NA names --cleartext-test-credentials; a MAIL refused by sender policy is na, not a pass', () => {
    expect(judge(authForgottenAfterTls, { probe: '535 5.7.8 no', probeCode: 535, external: true })).toMatchObject({ outcome: 'na', actual: expect.stringMatching(/--cleartext-test-credentials/) });
    const kept = { probe: '535', probeCode: 535, auth: '235 ok', authCode: 235 };
    expect(judge(authForgottenAfterTls, { ...kept, mail: '550 5.7.1 Sender address rejected', mailCode: 550 })).toMatchObject({ outcome: 'na', actual: expect.stringMatching(/--mail-from/) });
    expect(judge(authForgottenAfterTls, { ...kept, mail: '530 5.7.0 Authentication required', mailCode: 530 }).outcome).toBe('conforms');
    expect(judge(authForgottenAfterTls, { ...kept, mail: '250 2.1.0 Ok', mailCode: 250 }).outcome).toBe('violates');
  });

  it('received-records-tls reads the Received field that names the harness\'s EHLO, not a filter\'s on top', () => {
    const message = [
      'Received: from localhost (localhost [127.0.0.1]) by mail.example.test (Postfix) with ESMTP id 1',
      'Received: from client.msaspec.test (unknown [172.17.0.1])',
      '\tby mail.example.test (Postfix) with ESMTPSA id 2',
      '\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))',
      'Subject: x',
      '',
      'body',
    ].join('\r\n');
    const received = receivedNaming(message, 'client.msaspec.test');
    expect(received).toMatch(/^from client\.msaspec\.test .*using TLSv1\.3/);
    expect(judge(receivedRecordsTls, { protocol: 'TLSv1.3 TLS_AES_256_GCM_SHA384', received: received! }).outcome).toBe('conforms');
    expect(receivedNaming(message, 'other.example.org')).toMatch(/^from localhost/);
    expect(receivedNaming('Received: from a.pre-tls.msaspec.test (x) by y\r\n\r\n', 'pre-tls.msaspec.test')).toMatch(/a\.pre-tls/);
  });
});
