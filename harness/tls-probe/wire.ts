/** Code points of the TLS wire format the probe speaks (RFC 5246, RFC 8446, IANA TLS registries). */

export const VERSION = { ssl3: 0x0300, tls10: 0x0301, tls11: 0x0302, tls12: 0x0303, tls13: 0x0304 } as const;

export function versionName(version: number): string {
  switch (version) {
    case VERSION.ssl3:
      return 'SSL 3.0';
    case VERSION.tls10:
      return 'TLS 1.0';
    case VERSION.tls11:
      return 'TLS 1.1';
    case VERSION.tls12:
      return 'TLS 1.2';
    case VERSION.tls13:
      return 'TLS 1.3';
    default:
      return `version 0x${version.toString(16).padStart(4, '0')}`;
  }
}

/** TLSPlaintext.type (RFC 8446 §5.1). */
export const CONTENT = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;

/** HandshakeType (RFC 5246 §7.4, RFC 8446 §4). */
export const HANDSHAKE = {
  clientHello: 1,
  serverHello: 2,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
  certificateStatus: 22,
} as const;

/** ExtensionType (IANA "TLS ExtensionType Values"). */
export const EXTENSION = {
  serverName: 0,
  supportedGroups: 10,
  ecPointFormats: 11,
  signatureAlgorithms: 13,
  encryptThenMac: 22,
  extendedMasterSecret: 23,
  sessionTicket: 35,
  supportedVersions: 43,
  pskKeyExchangeModes: 45,
  keyShare: 51,
  renegotiationInfo: 0xff01,
} as const;

/** NamedGroup (RFC 8422 §5.1.1, RFC 7919, RFC 8446 §4.2.7) with the strength the probe reports. */
export const GROUPS: Record<number, { name: string; bits: number }> = {
  0x0013: { name: 'secp192r1', bits: 192 },
  0x0015: { name: 'secp224r1', bits: 224 },
  0x0017: { name: 'secp256r1', bits: 256 },
  0x0018: { name: 'secp384r1', bits: 384 },
  0x0019: { name: 'secp521r1', bits: 521 },
  0x001d: { name: 'x25519', bits: 253 },
  0x001e: { name: 'x448', bits: 448 },
  0x0100: { name: 'ffdhe2048', bits: 2048 },
  0x0101: { name: 'ffdhe3072', bits: 3072 },
  0x0102: { name: 'ffdhe4096', bits: 4096 },
};

export function groupName(group: number): string {
  return GROUPS[group]?.name ?? `group 0x${group.toString(16).padStart(4, '0')}`;
}

/** What a probe offers by default: strong groups first, weaker curves last so a server can show it picks them. */
export const OFFERED_GROUPS = [0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0015, 0x0013];

/** SignatureScheme (RFC 8446 §4.2.3), including the SHA-1 ones that TLS 1.0/1.1-era servers need. */
export const SIGNATURE_SCHEMES = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0303, 0x0203, 0x0301, 0x0201, 0x0402, 0x0202,
];

/** AlertDescription (RFC 8446 §6). */
const ALERTS: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  22: 'record_overflow',
  40: 'handshake_failure',
  42: 'bad_certificate',
  47: 'illegal_parameter',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
};

export function alertName(description: number): string {
  return ALERTS[description] ?? `alert ${description}`;
}

/** CompressionMethod (RFC 5246 §7.4.1.2, RFC 3749). */
export const COMPRESSION = { null: 0, deflate: 1 } as const;
