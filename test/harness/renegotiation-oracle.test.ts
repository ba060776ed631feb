import { describe, expect, it } from 'vitest';
import { clientInitiatedRenegotiation, type ClientRenegotiation } from '../../suites/tls/renegotiation/client-initiated.ts';

/** Judged after a JSON round trip, as a stored observation would be. */
const judge = (o: ClientRenegotiation) => clientInitiatedRenegotiation.judge(JSON.parse(JSON.stringify(o)));
const CIPHER = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';

describe('tls/renegotiation/client-initiated oracle: records, never grades', () => {
  it('no TLS 1.2 handshake → NA with the reason', () => {
    const j = judge({ tls12: false, reason: 'TLS handshake failed: alert protocol version' });
    expect(j.outcome).toBe('na');
    expect(j.actual).toContain('alert protocol version');
  });

  it('a no_renegotiation alert → INFO refused, saying so', () => {
    const j = judge({ tls12: true, cipher: CIPHER, renegotiation: { outcome: 'refused', reason: 'the server answered with a no_renegotiation alert', noRenegotiation: true } });
    expect(j).toMatchObject({ outcome: 'info', seen: 'refused: no_renegotiation alert' });
    expect(j.actual).toMatch(/^refused: .*no_renegotiation alert/);
  });

  it('a close or another error → INFO refused with what happened', () => {
    const j = judge({ tls12: true, cipher: CIPHER, renegotiation: { outcome: 'refused', reason: 'connection closed during the renegotiation', noRenegotiation: false } });
    expect(j).toMatchObject({ outcome: 'info', seen: 'refused' });
    expect(j.actual).toContain('connection closed');
  });

  it('no answer within the timeout → INFO unanswered, not refused or accepted', () => {
    const j = judge({ tls12: true, cipher: CIPHER, renegotiation: { outcome: 'unanswered', waitedMs: 5000 } });
    expect(j).toMatchObject({ outcome: 'info', seen: 'unanswered' });
    expect(j.actual).not.toMatch(/^(refused|accepted)/);
  });

  it('completed, then NOOP answered → INFO accepted with the reply', () => {
    const j = judge({ tls12: true, cipher: CIPHER, renegotiation: { outcome: 'completed', protocol: 'TLSv1.2', cipher: CIPHER }, after: { code: 250, text: '250 2.0.0 Ok' } });
    expect(j).toMatchObject({ outcome: 'info', seen: 'accepted' });
    expect(j.actual).toMatch(/^accepted: .*NOOP answered 250 2\.0\.0 Ok/);
  });

  it('completed, then the session dropped → INFO accepted, with the failure of NOOP', () => {
    const j = judge({ tls12: true, cipher: CIPHER, renegotiation: { outcome: 'completed', protocol: 'TLSv1.2', cipher: CIPHER }, after: { error: 'connection closed by server while waiting for reply to NOOP' } });
    expect(j).toMatchObject({ outcome: 'info', seen: 'accepted' });
    expect(j.actual).toContain('NOOP got no reply: connection closed');
  });
});
