/**
 * The sentences the SMTP smuggling cases enforce (suites/requirements.ts, SMUG-1 to SMUG-3), as the
 * cases show them.
 */
export const END_OF_DATA_SOURCE = {
  rfc: 'RFC 5321',
  section: '4.1.1.4',
  text:
    '“The mail data are terminated by a line containing only a period, that is, the character sequence "<CRLF>.<CRLF>", where the first <CRLF> is actually the terminator of the previous line (see Section 4.5.2).” ' +
    '“The custom of accepting lines ending only in <LF>, as a concession to non-conforming behavior on the part of some UNIX systems, has proven to cause more interoperability problems than it solves, and SMTP server systems MUST NOT do this, even in the name of improved robustness.” ' +
    '“In particular, the sequence "<LF>.<LF>" (bare line feeds, without carriage returns) MUST NOT be treated as equivalent to <CRLF>.<CRLF> as the end of mail data indication.” ' +
    'Suite policy: every other look-alike (bare CR, a NUL or a space beside the dot) is held to the same rule, since only <CRLF>.<CRLF> ends the data; what follows one must not run as commands (SMTP smuggling, CVE-2023-51764/51765/51766).',
};

export const LINE_TERMINATOR_SOURCE = {
  rfc: 'RFC 5321',
  section: '2.3.8',
  text:
    '“Conforming implementations MUST NOT recognize or generate any other character or character sequence as a line terminator.” ' +
    'Suite policy: a refusal of the line that holds the bare CR or LF conforms, also when the rest of it is then answered on its own; a conformance finding, not a security one.',
};

export const BARE_NEWLINE_RELAY_SOURCE = {
  rfc: 'RFC 5321',
  section: '2.3.8',
  text:
    '“SMTP client implementations MUST NOT transmit these characters except when they are intended as line terminators and then MUST, as indicated above, transmit them only as a <CRLF> sequence.” ' +
    'Suite policy: relaying the message, the MSA is the SMTP client of the next hop; refusing the message, or relaying each bare CR or LF as CRLF, a space or nothing, conforms. One relayed unchanged lets a lenient next hop end the data at a look-alike (SMTP smuggling), behind the MSA\'s SPF and DKIM: a security finding.',
};
