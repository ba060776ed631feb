/**
 * Whether bytes a server sent where TLS was due hold a plaintext SMTP reply (injection/3/junk-instead-of-client-hello,
 * injection/4/plaintext-before-client-hello).
 */

/** What follows any TLS records at the start (an alert is the expected answer). */
function afterTlsRecords(bytes: Buffer): Buffer {
  let at = 0;
  while (at + 5 <= bytes.length && bytes[at]! >= 20 && bytes[at]! <= 23 && bytes[at + 1] === 3) at += 5 + bytes.readUInt16BE(at + 3);
  return bytes.subarray(Math.min(at, bytes.length));
}

/** The code of the first SMTP reply line after any TLS records, or undefined. */
export function smtpReplyCode(bytes: string): number | undefined {
  const m = /(?:^|\n)([2-5][0-9][0-9])(?:[ -]|\r?\n|$)/.exec(afterTlsRecords(Buffer.from(bytes, 'latin1')).toString('latin1'));
  return m ? Number(m[1]) : undefined;
}

export function smtpReplyIn(bytes: string): boolean {
  return smtpReplyCode(bytes) !== undefined;
}
