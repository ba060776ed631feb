/**
 * The cipher suites the probes offer, by IANA code point and name (IANA "TLS Cipher Suites"), with the
 * properties the policy cases judge: key exchange, bulk cipher, and the weak classes of RFC 9325 §4.1,
 * RFC 7465 (RC4) and RFC 5246 Appendix A.5 (anonymous).
 */
export type KeyExchange = 'TLS13' | 'ECDHE' | 'DHE' | 'RSA' | 'DH_anon' | 'ECDH_anon';
export type WeakClass = 'null' | 'anonymous' | 'export' | 'rc4';

export interface CipherSuite {
  id: number;
  name: string;
  kx: KeyExchange;
  /** Bulk cipher as the name has it: AES_128_GCM, 3DES_EDE_CBC, RC4_128, NULL, … */
  cipher: string;
  /** Export-grade (40/56-bit) suites: RFC 9325 §4.1, less than 112 bits of security. */
  export?: boolean;
}

const suite = (id: number, name: string, kx: KeyExchange, cipher: string, exp = false): CipherSuite => ({ id, name, kx, cipher, ...(exp ? { export: true } : {}) });

export const CIPHER_SUITES: readonly CipherSuite[] = [
  suite(0x1301, 'TLS_AES_128_GCM_SHA256', 'TLS13', 'AES_128_GCM'),
  suite(0x1302, 'TLS_AES_256_GCM_SHA384', 'TLS13', 'AES_256_GCM'),
  suite(0x1303, 'TLS_CHACHA20_POLY1305_SHA256', 'TLS13', 'CHACHA20_POLY1305'),
  suite(0xc02b, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE', 'AES_128_GCM'),
  suite(0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'ECDHE', 'AES_128_GCM'),
  suite(0xc02c, 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ECDHE', 'AES_256_GCM'),
  suite(0xc030, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'ECDHE', 'AES_256_GCM'),
  suite(0xcca9, 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'ECDHE', 'CHACHA20_POLY1305'),
  suite(0xcca8, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'ECDHE', 'CHACHA20_POLY1305'),
  suite(0xc023, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'ECDHE', 'AES_128_CBC'),
  suite(0xc027, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'ECDHE', 'AES_128_CBC'),
  suite(0xc024, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 'ECDHE', 'AES_256_CBC'),
  suite(0xc028, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', 'ECDHE', 'AES_256_CBC'),
  suite(0xc009, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'ECDHE', 'AES_128_CBC'),
  suite(0xc013, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'ECDHE', 'AES_128_CBC'),
  suite(0xc00a, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 'ECDHE', 'AES_256_CBC'),
  suite(0xc014, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'ECDHE', 'AES_256_CBC'),
  suite(0x009e, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'DHE', 'AES_128_GCM'),
  suite(0x009f, 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'DHE', 'AES_256_GCM'),
  suite(0xccaa, 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'DHE', 'CHACHA20_POLY1305'),
  suite(0x0067, 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 'DHE', 'AES_128_CBC'),
  suite(0x006b, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', 'DHE', 'AES_256_CBC'),
  suite(0x0033, 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 'DHE', 'AES_128_CBC'),
  suite(0x0039, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', 'DHE', 'AES_256_CBC'),
  suite(0x009c, 'TLS_RSA_WITH_AES_128_GCM_SHA256', 'RSA', 'AES_128_GCM'),
  suite(0x009d, 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'RSA', 'AES_256_GCM'),
  suite(0x003c, 'TLS_RSA_WITH_AES_128_CBC_SHA256', 'RSA', 'AES_128_CBC'),
  suite(0x003d, 'TLS_RSA_WITH_AES_256_CBC_SHA256', 'RSA', 'AES_256_CBC'),
  suite(0x002f, 'TLS_RSA_WITH_AES_128_CBC_SHA', 'RSA', 'AES_128_CBC'),
  suite(0x0035, 'TLS_RSA_WITH_AES_256_CBC_SHA', 'RSA', 'AES_256_CBC'),
  suite(0xc012, 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 'ECDHE', '3DES_EDE_CBC'),
  suite(0xc008, 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA', 'ECDHE', '3DES_EDE_CBC'),
  suite(0x0016, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA', 'DHE', '3DES_EDE_CBC'),
  suite(0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'RSA', '3DES_EDE_CBC'),
  suite(0xc011, 'TLS_ECDHE_RSA_WITH_RC4_128_SHA', 'ECDHE', 'RC4_128'),
  suite(0xc007, 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA', 'ECDHE', 'RC4_128'),
  suite(0x0005, 'TLS_RSA_WITH_RC4_128_SHA', 'RSA', 'RC4_128'),
  suite(0x0004, 'TLS_RSA_WITH_RC4_128_MD5', 'RSA', 'RC4_128'),
  suite(0xc010, 'TLS_ECDHE_RSA_WITH_NULL_SHA', 'ECDHE', 'NULL'),
  suite(0xc006, 'TLS_ECDHE_ECDSA_WITH_NULL_SHA', 'ECDHE', 'NULL'),
  suite(0x003b, 'TLS_RSA_WITH_NULL_SHA256', 'RSA', 'NULL'),
  suite(0x0002, 'TLS_RSA_WITH_NULL_SHA', 'RSA', 'NULL'),
  suite(0x0001, 'TLS_RSA_WITH_NULL_MD5', 'RSA', 'NULL'),
  suite(0xc018, 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA', 'ECDH_anon', 'AES_128_CBC'),
  suite(0xc019, 'TLS_ECDH_anon_WITH_AES_256_CBC_SHA', 'ECDH_anon', 'AES_256_CBC'),
  suite(0xc017, 'TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA', 'ECDH_anon', '3DES_EDE_CBC'),
  suite(0xc016, 'TLS_ECDH_anon_WITH_RC4_128_SHA', 'ECDH_anon', 'RC4_128'),
  suite(0xc015, 'TLS_ECDH_anon_WITH_NULL_SHA', 'ECDH_anon', 'NULL'),
  suite(0x00a6, 'TLS_DH_anon_WITH_AES_128_GCM_SHA256', 'DH_anon', 'AES_128_GCM'),
  suite(0x00a7, 'TLS_DH_anon_WITH_AES_256_GCM_SHA384', 'DH_anon', 'AES_256_GCM'),
  suite(0x006c, 'TLS_DH_anon_WITH_AES_128_CBC_SHA256', 'DH_anon', 'AES_128_CBC'),
  suite(0x006d, 'TLS_DH_anon_WITH_AES_256_CBC_SHA256', 'DH_anon', 'AES_256_CBC'),
  suite(0x0034, 'TLS_DH_anon_WITH_AES_128_CBC_SHA', 'DH_anon', 'AES_128_CBC'),
  suite(0x003a, 'TLS_DH_anon_WITH_AES_256_CBC_SHA', 'DH_anon', 'AES_256_CBC'),
  suite(0x001b, 'TLS_DH_anon_WITH_3DES_EDE_CBC_SHA', 'DH_anon', '3DES_EDE_CBC'),
  suite(0x0018, 'TLS_DH_anon_WITH_RC4_128_MD5', 'DH_anon', 'RC4_128'),
  suite(0x0009, 'TLS_RSA_WITH_DES_CBC_SHA', 'RSA', 'DES_CBC', true),
  suite(0x0015, 'TLS_DHE_RSA_WITH_DES_CBC_SHA', 'DHE', 'DES_CBC', true),
  suite(0x0003, 'TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'RSA', 'RC4_40', true),
  suite(0x0006, 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5', 'RSA', 'RC2_CBC_40', true),
  suite(0x0008, 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA', 'RSA', 'DES40_CBC', true),
  suite(0x0014, 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA', 'DHE', 'DES40_CBC', true),
  suite(0x0017, 'TLS_DH_anon_EXPORT_WITH_RC4_40_MD5', 'DH_anon', 'RC4_40', true),
  suite(0x0019, 'TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA', 'DH_anon', 'DES40_CBC', true),
  suite(0x0062, 'TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA', 'RSA', 'DES_CBC', true),
  suite(0x0064, 'TLS_RSA_EXPORT1024_WITH_RC4_56_SHA', 'RSA', 'RC4_56', true),
];

const BY_ID = new Map(CIPHER_SUITES.map((s) => [s.id, s]));

export function cipherSuite(id: number): CipherSuite | undefined {
  return BY_ID.get(id);
}

export function suiteName(id: number): string {
  return BY_ID.get(id)?.name ?? `cipher suite 0x${id.toString(16).padStart(4, '0')}`;
}

/** The weak classes a suite belongs to (a suite may be in several: DH_anon export RC4). */
export function weakClasses(s: CipherSuite): WeakClass[] {
  const classes: WeakClass[] = [];
  if (s.cipher === 'NULL') classes.push('null');
  if (s.kx === 'DH_anon' || s.kx === 'ECDH_anon') classes.push('anonymous');
  if (s.export) classes.push('export');
  if (s.cipher.startsWith('RC4')) classes.push('rc4');
  return classes;
}

export const isForwardSecret = (s: CipherSuite): boolean => s.kx === 'TLS13' || s.kx === 'ECDHE' || s.kx === 'DHE';

const select = (keep: (s: CipherSuite) => boolean): number[] => CIPHER_SUITES.filter(keep).map((s) => s.id);

/** Suite lists the probes offer. Every TLS 1.2-era list leaves the TLS 1.3 suites out. */
export const SUITES = {
  tls13: select((s) => s.kx === 'TLS13'),
  /** What a current client offers for TLS 1.2 and earlier: authenticated, no weak class, no 3DES. */
  modern: select((s) => s.kx !== 'TLS13' && weakClasses(s).length === 0 && s.cipher !== '3DES_EDE_CBC'),
  /** Everything below TLS 1.3, weak ones included: what an old-version probe offers to get any answer. */
  legacy: select((s) => s.kx !== 'TLS13'),
  weak: (cls: WeakClass) => select((s) => weakClasses(s).includes(cls)),
  tripleDes: select((s) => s.cipher === '3DES_EDE_CBC'),
  staticRsa: select((s) => s.kx === 'RSA' && weakClasses(s).length === 0),
  ecdhe: select((s) => s.kx === 'ECDHE' && weakClasses(s).length === 0),
  dhe: select((s) => s.kx === 'DHE' && weakClasses(s).length === 0),
};
