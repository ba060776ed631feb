/**
 * What the two probes of a plaintext password mechanism before TLS share
 * (rfc4954/4/auth-plain-refused-before-tls, auth-login-refused-before-tls): the sentence they enforce,
 * the probe credentials and the oracle.
 */

/** Whether a server accepts plaintext passwords before TLS (R4954-4x): RFC 4954 §4 says SHOULD NOT, the suite grades MUST NOT. */
export const SOURCE_4 = {
  rfc: 'RFC 4954',
  section: '4',
  text:
    '“Server sites SHOULD NOT use any configuration which permits a plaintext password mechanism without such a protection mechanism against password snooping.” ' +
    'Suite policy: graded MUST NOT, as a security finding: a password sent in clear cannot be taken back. §4 also says: “Note: A server implementation MUST implement a configuration in which it does NOT permit any plaintext password mechanisms, unless either the STARTTLS [SMTP-TLS] command has been negotiated or some other mechanism that protects the session from password snooping has been provided.”',
};

export type AttemptObservation = { replies: string[]; codes: number[] };

/**
 * The probe sends credentials that are deliberately wrong (user and password of the harness's own,
 * never the target's): a real password must not cross the wire in clear, and a server that checks
 * bogus credentials before TLS (535) shows it evaluates plaintext passwords just as a 235 would.
 */
export const PROBE_USER = 'msaspec-probe';
export const PROBE_PASSWORD = 'not-the-password';
/**
 * 523 is the reply code of enhanced status 5.7.10 "Encryption Needed" (RFC 5248 registry), meant for
 * cleartext mechanisms before TLS: Dovecot answers it.
 */
const REFUSED_BEFORE_TLS = [530, 538, 523, 502, 503, 504];

export function judgeAttempt(mechanism: string) {
  return ({ replies, codes }: AttemptObservation) => {
    const actual = replies.join('; ');
    const last = codes[codes.length - 1] ?? 0;
    if (codes.includes(235)) return { outcome: 'violates' as const, actual, seen: `AUTH ${mechanism} accepted in clear (235)` };
    if (codes.includes(535)) return { outcome: 'violates' as const, actual, seen: `credentials evaluated in clear (535)` };
    if (codes.includes(334)) return { outcome: 'violates' as const, actual, seen: `server asked for credentials in clear (334)` };
    if (REFUSED_BEFORE_TLS.includes(last)) return { outcome: 'conforms' as const, actual, seen: `refused with ${last}` };
    // Any other refusal still asked for and evaluated nothing; 454 (temporary authentication failure) says it tried.
    if (last >= 400 && last !== 454) return { outcome: 'conforms' as const, actual, seen: `refused with ${last}, a code RFC 4954 does not give for this` };
    return { outcome: 'violates' as const, actual, seen: `unexpected ${last}` };
  };
}
