import { describe, expect, it } from 'vitest';
import type { CaseDefinition, Judgement } from '../../harness/model/case.ts';
import type { OpenedRecord } from '../../harness/smtp/tls13-records.ts';
import type { ProbeSummary } from '../../harness/tls-probe/summary.ts';
import { closeNotifyBeforeClose } from '../../suites/rfc8314/3.4/close-notify.ts';
import { weakSuitesRefused } from '../../suites/tls/suites/weak-refused.ts';

type Obs<C> = C extends CaseDefinition<infer O> ? O : never;

function judge<C extends CaseDefinition<any>>(testCase: C, observation: Obs<C>): Judgement {
  return testCase.judge(JSON.parse(JSON.stringify(observation)));
}

const data = (length: number, content: number): OpenedRecord => ({ contentType: 23, length, inner: { type: 23, length: content } });
const ticket: OpenedRecord = { contentType: 23, length: 250, inner: { type: 22, length: 233, handshakeType: 4 } };
const closeNotify: OpenedRecord = { contentType: 23, length: 19, inner: { type: 21, length: 2, alert: { level: 1, description: 0 } } };
const tls13 = (records: OpenedRecord[]) => ({ protocol: 'TLSv1.3', quit: '221 2.0.0 Bye', records, fin: true });

describe('rfc8314/3.4/close-notify oracle on TLS 1.3 (records opened again with the connection keys)', () => {
  it('the 221 then close_notify → conforms', () => {
    expect(judge(closeNotifyBeforeClose, tls13([data(32, 15), closeNotify])).outcome).toBe('conforms');
  });

  it('a session ticket arriving after QUIT is not a close_notify → violates; with the alert after it → conforms', () => {
    const late = judge(closeNotifyBeforeClose, tls13([ticket, data(32, 15), ticket]));
    expect(late).toMatchObject({ outcome: 'violates', seen: 'TCP closed without close_notify' });
    expect(late.actual).toMatch(/handshake new_session_ticket \[250\], application_data \(15 octets\) \[32\], handshake new_session_ticket \[250\]/);
    expect(judge(closeNotifyBeforeClose, tls13([ticket, data(32, 15), closeNotify])).outcome).toBe('conforms');
  });

  it('a 221 split across two records is not a close_notify → violates; with the alert → conforms', () => {
    expect(judge(closeNotifyBeforeClose, tls13([data(21, 4), data(28, 11)])).outcome).toBe('violates');
    expect(judge(closeNotifyBeforeClose, tls13([data(21, 4), data(28, 11), closeNotify])).outcome).toBe('conforms');
  });

  it('another alert (user_canceled) without close_notify → violates', () => {
    const canceled: OpenedRecord = { contentType: 23, length: 19, inner: { type: 21, length: 2, alert: { level: 1, description: 90 } } };
    expect(judge(closeNotifyBeforeClose, tls13([data(32, 15), canceled])).outcome).toBe('violates');
  });

  it('no FIN → violates whatever came', () => {
    expect(judge(closeNotifyBeforeClose, { ...tls13([data(32, 15), closeNotify]), fin: false }).outcome).toBe('violates');
  });

  it('TLS 1.2: the alert content type shows in the record header', () => {
    const tls12 = (records: OpenedRecord[]) => ({ protocol: 'TLSv1.2', quit: '221 2.0.0 Bye', records, fin: true });
    expect(judge(closeNotifyBeforeClose, tls12([{ contentType: 23, length: 39 }, { contentType: 21, length: 26 }])).outcome).toBe('conforms');
    expect(judge(closeNotifyBeforeClose, tls12([{ contentType: 23, length: 39 }, { contentType: 23, length: 39 }])).outcome).toBe('violates');
  });
});

const refused: ProbeSummary = { answer: 'refused', text: 'handshake_failure alert' };
const got = (suite: string): ProbeSummary => ({ answer: 'negotiated', text: `TLS 1.2 ${suite}`, version: 'TLS 1.2', suite });
const answers = (o: Partial<Record<'null' | 'anonymous' | 'export' | 'rc4', ProbeSummary>>) => ({ null: refused, anonymous: refused, export: refused, rc4: refused, ...o });

describe('tls/suites/weak-refused oracle: anonymous suites graded apart', () => {
  it('every class refused → conforms', () => {
    expect(judge(weakSuitesRefused, answers({})).outcome).toBe('conforms');
  });

  it('an anonymous suite with strong encryption → its own finding under RFC 5246 A.5, at its MUST NOT', () => {
    const j = judge(weakSuitesRefused, answers({ anonymous: got('TLS_DH_anon_WITH_AES_256_GCM_SHA384') }));
    expect(j).toMatchObject({ outcome: 'violates', seen: expect.stringMatching(/anonymous suite negotiated: RFC 5246 A\.5/), breaks: { level: 'MUST NOT' } });
  });

  it('NULL, RC4 or export → forbidden by RFC 9325 §4.1, also when the anonymous probe got such a suite', () => {
    expect(judge(weakSuitesRefused, answers({ null: got('TLS_ECDHE_RSA_WITH_NULL_SHA') }))).toMatchObject({ outcome: 'violates', seen: 'NULL negotiated: forbidden by RFC 9325 §4.1' });
    const anonRc4 = judge(weakSuitesRefused, answers({ anonymous: got('TLS_ECDH_anon_WITH_RC4_128_SHA') }));
    expect(anonRc4).toMatchObject({ outcome: 'violates', seen: 'RC4 negotiated: forbidden by RFC 9325 §4.1' });
    expect(anonRc4.breaks).toBeUndefined();
    const both = judge(weakSuitesRefused, answers({ null: got('TLS_ECDH_anon_WITH_NULL_SHA'), anonymous: got('TLS_DH_anon_WITH_AES_128_GCM_SHA256') }));
    expect(both.seen).toBe('NULL negotiated: forbidden by RFC 9325 §4.1; an anonymous suite too (RFC 5246 A.5)');
  });
});
