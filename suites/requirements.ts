/**
 * The requirement catalogue as data: every ID a case may cite, the RFC sentences it rests on, the
 * level at the RFC's own keyword, how the suite grades it where that differs, and for a requirement
 * no case checks yet, the reason. `msaspec list --requirements` and docs/requirements.md (`npm run
 * docs`) are generated from this and from the cases. IDs are stable: add new ones, never renumber.
 *
 * Quotations: `text` is the sentence as published, whitespace normalised (line breaks joined);
 * "…" marks words left out, " / " a line break in a list the RFC sets one item per line, and inner
 * straight quotes are the RFC's own. A text that is not the RFC's words has `paraphrase: true`.
 */
import type { Level } from '../harness/model/verdict.ts';

/** One sentence (or a few consecutive ones) of an RFC a requirement rests on. */
export interface Citation {
  /** "RFC 8314". */
  rfc: string;
  /** The section as the RFC numbers it: "3.3", "A.5". */
  section: string;
  /** As published (see above), or the suite's own wording when `paraphrase` is set. */
  text: string;
  paraphrase?: true;
}

/**
 * An RFC 2119 keyword of the sentence that carries the requirement; "no keyword" when that sentence
 * has none (the RFC describes, it does not grade); "config" for a deployment's certificate, graded as
 * a configuration finding; "INFO" for behaviour the RFCs leave open, recorded and not graded.
 */
export type RequirementLevel = Level | 'no keyword' | 'config';

export interface Requirement {
  id: string;
  /** The RFC's own keyword for what the cases check (first citation's), never the suite's. */
  level: RequirementLevel;
  summary: string;
  /** The sentences it rests on; the first carries `level`. */
  sources: readonly Citation[];
  /** The level the cases grade at, when it is not `level` (see `suitePolicy`). */
  graded?: RequirementLevel;
  /** Where the suite grades or reads the requirement more strictly (or otherwise) than the RFC, and why. */
  suitePolicy?: string;
  /** Why no case checks it (yet); absent when cases do. */
  gap?: string;
}

/** The RFC's level, and the level the cases grade at where the suite's policy differs: "SHOULD NOT (graded MUST NOT)". */
export function levelLabel(requirement: Pick<Requirement, 'level' | 'graded'>): string {
  return requirement.graded ? `${requirement.level} (graded ${requirement.graded})` : requirement.level;
}

const cite = (rfc: number, section: string, text: string): Citation => ({ rfc: `RFC ${rfc}`, section, text });
const paraphrase = (rfc: number, section: string, text: string): Citation => ({ rfc: `RFC ${rfc}`, section, text, paraphrase: true });

// Sentences several requirements rest on.
const RFC8314_3_3_HANDSHAKE = cite(8314, '3.3', 'When a TCP connection is established for the "submissions" service (default port 465), a TLS handshake begins immediately.');
const RFC8314_3_3_APPDATA = cite(8314, '3.3', 'Once the TLS session is established, Message Submission protocol data [RFC6409] is exchanged as TLS application data for the remainder of the TCP connection.');
const RFC8314_3_3_BOTH = cite(8314, '3.3', 'As a result, clients and servers SHOULD implement both STARTTLS on port 587 and Implicit TLS on port 465 for this transition period.');
const RFC8314_4_4 = cite(8314, '4.4', 'MSPs MUST maintain valid server certificates for all servers. See [RFC7817] for the recommendations and requirements necessary to achieve this.');
const RFC7817_3_PATH = cite(7817, '3', 'This check is only performed after the server certificate passes certification path validation as described in Section 6 of [RFC5280].');
const RFC3207_4_REPLIES = cite(3207, '4', 'After the client gives the STARTTLS command, the server responds with one of the following reply codes: / 220 Ready to start TLS / 501 Syntax error (no parameters allowed) / 454 TLS not available due to temporary reason');
const RFC3207_4_2_RESET = cite(3207, '4.2', 'Upon completion of the TLS handshake, the SMTP protocol is reset to the initial state (the state in SMTP after a server issues a 220 service ready greeting).');
const RFC3207_4_2_DISCARD = cite(3207, '4.2', 'The server MUST discard any knowledge obtained from the client, such as the argument to the EHLO command, which was not obtained from the TLS negotiation itself.');
const RFC3207_6_DISCARD = cite(3207, '6', 'For this reason, clients and servers MUST discard any knowledge obtained prior to the start of the TLS handshake upon completion of the TLS handshake.');
const RFC3207_6_BEFORE_TLS = cite(3207, '6', 'Before the TLS handshake has begun, any protocol interactions are performed in the clear and may be modified by an active attacker. For this reason, clients and servers MUST discard any knowledge obtained prior to the start of the TLS handshake upon completion of the TLS handshake.');
const RFC4954_4_504 = cite(4954, '4', 'If the requested authentication mechanism is invalid (e.g., is not supported or requires an encryption layer), the server rejects the AUTH command with a 504 reply.');
const RFC4954_4_CONFIGURATION = cite(4954, '4', 'Note: A server implementation MUST implement a configuration in which it does NOT permit any plaintext password mechanisms, unless either the STARTTLS [SMTP-TLS] command has been negotiated or some other mechanism that protects the session from password snooping has been provided.');
const RFC4954_4_SITES = cite(4954, '4', 'Server sites SHOULD NOT use any configuration which permits a plaintext password mechanism without such a protection mechanism against password snooping.');
const RFC4954_4_PLAIN = cite(4954, '4', 'To ensure interoperability, client and server implementations of this extension MUST implement the [PLAIN] SASL mechanism running over TLS [TLS] [SMTP-TLS].');
const RFC4954_6_538 = cite(4954, '6', '538 5.7.11 Encryption required for requested authentication mechanism / This response to the AUTH command indicates that the selected authentication mechanism may only be used when the underlying SMTP connection is encrypted.');
const RFC4954_9_CONFIGURATION = cite(4954, '9', 'If an implementation supports SASL mechanisms that are vulnerable to passive eavesdropping attacks (such as [PLAIN]), then the implementation MUST support at least one configuration where these SASL mechanisms are not advertised or used without the presence of an external security layer such as [TLS].');
const RFC5321_3_8 = cite(5321, '3.8', 'An SMTP server MUST NOT intentionally close the connection under normal operational circumstances (see Section 7.8) except:');
const RFC5321_4_1_4_503 = cite(5321, '4.1.4', 'If the commands in a transaction are out of order to the degree that they cannot be processed by the server, a 503 failure reply MUST be returned and the SMTP server MUST stay in the same state.');
const RFC5321_4_2_ONE_REPLY = cite(5321, '4.2', 'Every command MUST generate exactly one reply.');
const RFC5246_6_UNEXPECTED = cite(5246, '6', 'If a TLS implementation receives an unexpected record type, it MUST send an unexpected_message alert.');
const RFC9325_3_1_1_TLS12 = cite(9325, '3.1.1', 'Implementations MUST support TLS 1.2 [RFC5246].');
const RFC9325_3_5_RENEGOTIATION = cite(9325, '3.5', 'TLS 1.2 clients and servers MUST implement the renegotiation_info extension, as defined in [RFC5746].');
const RFC9325_4_5_HASH = cite(9325, '4.5', 'In addition, the use of the SHA-256 hash algorithm is RECOMMENDED and SHA-1 or MD5 MUST NOT be used [RFC9155] (for more details, see also [CAB-Baseline], for which the current version at the time of writing is 1.8.4).');

/** Every requirement, in report order. One block per requirement; append new IDs, never renumber. */
export const REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'R8314-3.3a', level: 'no keyword', graded: 'MUST', summary: 'On 465 the TLS handshake comes first; the greeting comes inside TLS',
    sources: [RFC8314_3_3_HANDSHAKE, RFC8314_3_3_APPDATA, RFC5246_6_UNEXPECTED],
    suitePolicy: 'RFC 8314 §3.3 defines the "submissions" service this way without an RFC 2119 keyword; a port 465 that does otherwise does not offer that service, so the suite grades MUST. (Plaintext sent first is an unexpected record to the TLS stack, which RFC 5246 §6 answers with an alert, never with SMTP.)',
  },
  {
    id: 'R8314-3.3b', level: 'SHOULD', summary: 'Both 587 with STARTTLS and 465 with implicit TLS are offered',
    sources: [RFC8314_3_3_BOTH],
  },
  {
    id: 'R8314-3.4', level: 'SHOULD', summary: 'close_notify is sent before the TCP connection is closed (465: §3.4 is about Implicit TLS connections)',
    sources: [cite(8314, '3.4', 'When a client or server wishes to close the connection, it SHOULD initiate the exchange of TLS close alerts before TCP connection termination.')],
  },
  {
    id: 'R8314-4.1', level: 'MUST', summary: 'TLS 1.2 is supported (the MUST is in the list of RFC 8314 §4; the ID keeps its first section number)',
    sources: [cite(8314, '4', 'Mail Access Servers and Mail Submission Servers MUST support TLS 1.2 or later.'), RFC9325_3_1_1_TLS12],
  },
  {
    id: 'R8314-4.1b', level: 'SHOULD', summary: 'SSL 2/3, TLS 1.0 and TLS 1.1 are discontinued',
    sources: [cite(8997, '3', 'As soon as practicable, MSPs currently supporting Secure Sockets Layer (SSL) 2.x, SSL 3.0, TLS 1.0, or TLS 1.1 SHOULD transition their users to TLS 1.2 or later and discontinue support for those earlier versions of SSL and TLS.')],
    gap: 'checked at the later, stronger MUST NOT of RFC 7568 and RFC 8996 by tls/versions/ssl3-refused, tls10-refused and tls11-refused (T-SSL3, T-1011), which cite those RFCs',
  },
  {
    id: 'R8314-4.4', level: 'MUST', graded: 'config', summary: 'Valid server certificate, name checked per RFC 7817',
    sources: [RFC8314_4_4, RFC7817_3_PATH],
    suitePolicy: 'The sentence binds MSPs, who maintain the certificate: a certificate that does not validate is graded as a configuration finding, WARN under the default profile and FAIL under --profile strict.',
  },
  {
    id: 'R8314-4.3', level: 'SHOULD', summary: 'The Received header records the TLS cipher suite of the session',
    sources: [
      cite(8314, '4', 'Mail Submission Servers accepting mail using TLS SHOULD include in the Received field of the outgoing message the TLS ciphersuite of the session in which the mail was received.'),
      cite(8314, '4.3', 'This clause SHOULD be included whenever a Submission server generates a Received header field for a message received via TLS.'),
      cite(8314, '7.4', '"tls": Indicates the TLS cipher used (if applicable)'),
    ],
  },
  {
    id: 'R3207-4a', level: 'no keyword', graded: 'MUST', summary: 'STARTTLS with a parameter is refused (501) and the session stays in plaintext',
    sources: [cite(3207, '4', 'The format for the STARTTLS command is: STARTTLS with no parameters.'), RFC3207_4_REPLIES],
    suitePolicy: 'RFC 3207 gives the command no parameters and lists 501 as the reply for one, without an RFC 2119 keyword. The suite grades MUST only what would upset the session (a reply that is neither 220 nor a refusal, or a plaintext session that no longer answers after the refusal); a parameter ignored (220 and a handshake) or refused with another code than 501 is graded SHOULD.',
  },
  {
    id: 'R3207-4c', level: 'SHOULD', summary: 'STARTTLS is advertised before TLS (the SHOULD is RFC 8314 §3.3: offer STARTTLS on 587)',
    sources: [RFC8314_3_3_BOTH, cite(3207, '3', 'The STARTTLS keyword is used to tell the SMTP client that the SMTP server is currently able to negotiate the use of TLS.')],
  },
  {
    id: 'R3207-4d', level: 'SHOULD', summary: 'Before TLS, commands other than NOOP, EHLO, STARTTLS, QUIT get 530 (503, 538 and 504 accepted where the RFCs give them)',
    sources: [
      cite(3207, '4', 'In this case, the server SHOULD return the reply code: 530 Must issue a STARTTLS command first to every command other than NOOP, EHLO, STARTTLS, or QUIT.'),
      cite(3207, '4', 'If the client and server are using the ENHANCEDSTATUSCODES ESMTP extension [RFC2034], the status code to be returned SHOULD be 5.7.0.'),
      RFC5321_4_1_4_503,
      RFC4954_6_538,
      RFC4954_4_504,
    ],
  },
  {
    id: 'R3207-4.2a', level: 'MUST', summary: 'After the handshake the server forgets EHLO, envelope and authentication',
    sources: [RFC3207_4_2_DISCARD, RFC3207_4_2_RESET, RFC3207_6_DISCARD],
  },
  {
    id: 'R3207-4.2c', level: 'MUST NOT', summary: 'STARTTLS is not advertised inside TLS',
    sources: [cite(3207, '4.2', 'A server MUST NOT return the STARTTLS extension in response to an EHLO command received after a TLS handshake has completed.')],
  },
  {
    id: 'R3207-4.2d', level: 'MUST', summary: 'A second STARTTLS inside TLS is refused',
    sources: [cite(3207, '4.2', 'Both the client and the server MUST know if there is a TLS session active.'), cite(3207, '4.2', 'A client MUST NOT attempt to start a TLS session if a TLS session is already active.')],
    suitePolicy: 'RFC 3207 gives the server no reply for a STARTTLS inside TLS (its MUST NOT on starting a second session binds the client); the suite reads the server\'s MUST know that TLS is active as: it never offers a second negotiation, so a 220 fails.',
  },
  {
    id: 'INJ-1', level: 'MUST', summary: 'Plaintext pipelined after STARTTLS is never executed inside TLS',
    sources: [RFC3207_6_BEFORE_TLS, RFC3207_4_2_DISCARD],
  },
  {
    id: 'INJ-2', level: 'MUST', summary: 'The same under generated variants (splits, LF, sizes, AUTH chains)',
    sources: [RFC3207_6_BEFORE_TLS, RFC3207_4_2_DISCARD],
  },
  {
    id: 'INJ-3', level: 'MUST', summary: 'Junk instead of a ClientHello ends in a clean handshake failure; no SMTP reply in clear follows',
    sources: [RFC5246_6_UNEXPECTED, RFC3207_4_REPLIES, RFC3207_6_DISCARD],
    suitePolicy: 'The case fails only an SMTP reply in clear after the 220; an alert, a close or silence pass (it does not grade the missing alert). RFC 3207 §4\'s "the client MUST start the TLS negotiation" binds the client and is not what the case enforces.',
  },
  {
    id: 'INJ-4', level: 'MUST', summary: 'On 465 plaintext before the ClientHello is never read as SMTP',
    sources: [RFC5246_6_UNEXPECTED, RFC8314_3_3_HANDSHAKE, RFC8314_3_3_APPDATA, RFC3207_6_DISCARD],
    suitePolicy: 'RFC 3207 §6 is about STARTTLS; the suite applies its rule (nothing from before the handshake survives it) to port 465, whose protocol data RFC 8314 §3.3 puts inside TLS.',
  },
  {
    id: 'SMUG-1', level: 'MUST NOT', summary: 'Only <CRLF>.<CRLF> ends the mail data: no look-alike (<LF>.<LF>, <LF>.<CR><LF>, <CR>.<CR>…) does, and nothing smuggled behind one runs',
    sources: [
      cite(5321, '4.1.1.4', 'The custom of accepting lines ending only in <LF>, as a concession to non-conforming behavior on the part of some UNIX systems, has proven to cause more interoperability problems than it solves, and SMTP server systems MUST NOT do this, even in the name of improved robustness.'),
      cite(5321, '4.1.1.4', 'In particular, the sequence "<LF>.<LF>" (bare line feeds, without carriage returns) MUST NOT be treated as equivalent to <CRLF>.<CRLF> as the end of mail data indication.'),
      cite(5321, '4.1.1.4', 'The mail data are terminated by a line containing only a period, that is, the character sequence "<CRLF>.<CRLF>", where the first <CRLF> is actually the terminator of the previous line (see Section 4.5.2).'),
      cite(5321, '2.3.8', 'Conforming implementations MUST NOT recognize or generate any other character or character sequence as a line terminator.'),
    ],
    suitePolicy: 'RFC 5321 names <LF>.<LF>; the suite holds every other look-alike (a bare CR, a NUL or a space beside the dot) to the same rule, and grades it as a security finding: what follows a look-alike taken for the end runs as a second transaction (SMTP smuggling, CVE-2023-51764, -51765, -51766). One reply to the message, a refusal or a close pass; two replies to one message, or a 250 before the real end of data, fail.',
  },
  {
    id: 'SMUG-2', level: 'MUST', summary: 'A relaying MSA transmits no bare CR or LF: a message with one is refused, or relayed with CRLF (or without them)',
    sources: [
      cite(5321, '2.3.8', 'SMTP client implementations MUST NOT transmit these characters except when they are intended as line terminators and then MUST, as indicated above, transmit them only as a <CRLF> sequence.'),
      cite(5321, '2.3.8', 'In addition, the appearance of "bare" "CR" or "LF" characters in text (i.e., either without the other) has a long history of causing problems in mail implementations and applications that use the mail system as a tool.'),
    ],
    suitePolicy: 'The sentence binds SMTP clients: relaying a submitted message, the MSA is the SMTP client of the next hop. Refusing the message (5xx) conforms, and so does replacing a bare CR or LF by CRLF, a space, or nothing; relaying one unchanged is graded as a security finding, since it carries a look-alike to a next hop that may end the data there. Checked at the harness\'s sink, so only on built-in targets.',
  },
  {
    id: 'SMUG-3', level: 'MUST NOT', summary: 'A bare CR or LF does not end a command line',
    sources: [
      cite(5321, '2.3.8', 'Conforming implementations MUST NOT recognize or generate any other character or character sequence as a line terminator.'),
      cite(5321, '2.4', 'The argument clause consists of a variable-length character string ending with the end of the line, i.e., with the character sequence <CRLF>. The receiver will take no action until this sequence is received.'),
    ],
    suitePolicy: 'A refusal of a command line that holds a bare CR or LF conforms (the character is rejected, not taken as a line end), also when the rest of the line is then answered on its own (Postfix\'s smtpd_forbid_bare_newline = yes). Graded as a conformance finding, not a security one: the smuggling risk is in mail data (SMUG-1, SMUG-2).',
  },
  {
    id: 'R4954-4a', level: 'SHOULD NOT', summary: 'PLAIN and LOGIN are not advertised before TLS',
    sources: [
      cite(4954, '6', 'Note that this response code is documented here for historical purposes only. Modern implementations SHOULD NOT advertise mechanisms that are not permitted due to lack of encryption, unless an encryption layer of sufficient strength is currently being employed.'),
      RFC4954_9_CONFIGURATION,
      RFC4954_4_SITES,
    ],
    suitePolicy: 'LOGIN, which no RFC defines, sends the password as PLAIN does; the suite treats both as plaintext password mechanisms.',
  },
  {
    id: 'R4954-4x', level: 'SHOULD NOT', graded: 'MUST NOT', summary: 'AUTH PLAIN/LOGIN before TLS is not accepted',
    sources: [RFC4954_4_SITES, RFC4954_4_CONFIGURATION, RFC4954_9_CONFIGURATION, RFC4954_4_504],
    suitePolicy: 'RFC 4954 §4 says sites SHOULD NOT use a configuration that permits a plaintext password mechanism without protection; the suite grades it MUST NOT (a security finding), because a password sent in clear cannot be taken back.',
  },
  {
    id: 'R4954-4b', level: 'MUST', summary: 'A second AUTH, or AUTH in a transaction, gets 503',
    sources: [
      cite(4954, '4', 'After a successful AUTH command completes, a server MUST reject any further AUTH commands with a 503 reply.'),
      cite(4954, '4', 'An AUTH command issued during a mail transaction MUST be rejected with a 503 reply.'),
    ],
  },
  {
    id: 'R4954-4c', level: 'MUST', summary: 'Cancelling with "*" gets 501',
    sources: [cite(4954, '4', 'If the client wishes to cancel the authentication exchange, it issues a line with a single "*". If the server receives such a response, it MUST reject the AUTH command by sending a 501 reply.')],
  },
  {
    id: 'R4954-6', level: 'SHOULD', summary: 'Bad credentials get 535 and the session stays usable',
    sources: [
      cite(4954, '4', 'If the server is unable to authenticate the client, it SHOULD reject the AUTH command with a 535 reply unless a more specific error code is appropriate.'),
      cite(4954, '6', '535 5.7.8 Authentication credentials invalid'),
      cite(4954, '9', 'Servers MAY implement a policy whereby the connection is dropped after a number of failed authentication attempts. If they do so, they SHOULD NOT drop the connection until at least 3 attempts to authenticate have failed.'),
    ],
  },
  {
    id: 'R4954-ok', level: 'no keyword', graded: 'MUST', summary: 'Valid credentials inside TLS get 235',
    sources: [
      cite(4954, '4', 'Should the client successfully complete the exchange, the SMTP server issues a 235 reply.'),
      cite(4954, '6', '235 2.7.0 Authentication Succeeded / This response to the AUTH command indicates that the authentication was successful.'),
      RFC4954_4_PLAIN,
    ],
    suitePolicy: 'RFC 4954 names 235 as the reply to a successful exchange without an RFC 2119 keyword; the suite grades MUST that valid credentials, over a mechanism the server itself advertises inside TLS, are accepted (PLAIN over TLS is a MUST of §4, R4954-plain).',
  },
  {
    id: 'R4954-plain', level: 'MUST', summary: 'AUTH PLAIN is implemented over TLS',
    sources: [RFC4954_4_PLAIN],
  },
  {
    id: 'R6409-4.3', level: 'MUST', summary: 'MAIL without authentication is refused',
    sources: [
      cite(6409, '4.3', 'The MSA MUST, by default, issue an error response to the MAIL command if the session has not been authenticated using [SMTP-AUTH], unless it has already independently established authentication or authorization (such as being within a protected subnetwork).'),
      cite(6409, '4.3', 'Reply code 530 [SMTP-AUTH] is used for this purpose.'),
    ],
  },
  {
    id: 'R6409-ok', level: 'no keyword', graded: 'MUST', summary: 'An authenticated client submits a message end to end',
    sources: [cite(6409, '2.1', 'An MSA acts as a submission server to accept messages from MUAs, and it either delivers them or acts as an SMTP client to relay them to an MTA.')],
    suitePolicy: 'RFC 6409 defines what an MSA does without an RFC 2119 keyword; the suite grades MUST that it accepts a well-formed message from a client authenticated with the target\'s own test account.',
  },
  {
    id: 'R6409-auth', level: 'MUST', summary: 'The MSA supports SMTP AUTH',
    sources: [cite(6409, '7', '[SMTP-AUTH] allows the MSA to validate the authority and determine the identity of the submitting user and MUST be supported by the MSA.')],
  },
  {
    id: 'R5321-greet', level: 'MUST', summary: '220 greeting; replies well formed',
    sources: [
      cite(5321, '4.2.1', 'In a multiline reply, the reply code on each of the lines MUST be the same.'),
      cite(5321, '4.2.1', 'The format for multiline replies requires that every line, except the last, begin with the reply code, followed immediately by a hyphen, "-" (also known as minus), followed by text.'),
      cite(5321, '3.1', 'An SMTP session is initiated when a client opens a connection to a server and the server responds with an opening message.'),
      cite(5321, '3.1', 'The SMTP protocol allows a server to formally reject a mail session while still allowing the initial connection as follows: a 554 response MAY be given in the initial connection opening message instead of the 220.'),
    ],
    suitePolicy: 'A 554 greeting, which RFC 5321 §3.1 allows (MAY) for a server that refuses the session, fails: a submission server under test that greets with 554 offers no service to check.',
  },
  {
    id: 'R5321-4.1.4', level: 'MUST', summary: 'EHLO mid-session resets like RSET',
    sources: [cite(5321, '4.1.4', 'If it is issued after the session begins and the EHLO command is acceptable to the SMTP server, the SMTP server MUST clear all buffers and reset the state exactly as if a RSET command had been issued.'), RFC5321_4_1_4_503],
  },
  {
    id: 'R5321-4.1.4b', level: 'SHOULD', summary: 'NOOP, HELP, EXPN, VRFY and RSET before EHLO are processed normally, not answered 503',
    sources: [cite(5321, '4.1.4', 'SMTP servers SHOULD process these normally (that is, not return a 503 code) even if no EHLO command has yet been received;')],
  },
  {
    id: 'R5321-rset', level: 'MUST', summary: 'RSET without arguments gets 250',
    sources: [cite(5321, '4.1.1.5', 'The receiver MUST send a "250 OK" reply to a RSET command with no arguments.')],
  },
  {
    id: 'R5321-close', level: 'MUST NOT', summary: 'The server does not close the connection before QUIT, except with a 421',
    sources: [cite(5321, '4.1.1.10', 'The receiver MUST NOT intentionally close the transmission channel until it receives and replies to a QUIT command (even if there was an error).'), RFC5321_3_8],
  },
  {
    id: 'R5321-quit', level: 'MUST', summary: 'QUIT gets 221 and a close',
    sources: [cite(5321, '4.1.1.10', 'This command specifies that the receiver MUST send a "221 OK" reply, and then close the transmission channel.')],
  },
  {
    id: 'R5321-len', level: 'MUST', summary: 'Over-long command lines are answered without harm',
    sources: [
      RFC5321_4_2_ONE_REPLY,
      cite(5321, '4.5.3.1.4', 'The maximum total length of a command line including the command word and the <CRLF> is 512 octets.'),
      cite(5321, '4.5.3.1.9', 'Errors due to exceeding these limits may be reported by using the reply codes. Some examples of reply codes are: / 500 Line too long.'),
      RFC5321_3_8,
    ],
  },
  {
    id: 'R2920-pipe', level: 'MUST', summary: 'Pipelined commands get their replies in order',
    sources: [
      cite(2920, '3.2', 'A server SMTP implementation that offers the pipelining extension: (1) MUST respond to commands in the order they are received from the client.'),
      cite(2920, '3.2', '(9) MUST NOT flush or otherwise lose the contents of the TCP input buffer under any circumstances whatsoever.'),
    ],
  },
  {
    id: 'T-SSL3', level: 'MUST NOT', summary: 'SSL 3.0 is not negotiated',
    sources: [cite(9325, '3.1.1', 'Implementations MUST NOT negotiate SSL version 3.'), cite(7568, '3', 'SSLv3 MUST NOT be used. Negotiation of SSLv3 from any version of TLS MUST NOT be permitted.')],
  },
  {
    id: 'T-1011', level: 'MUST NOT', summary: 'TLS 1.0 and 1.1 are not negotiated',
    sources: [
      cite(9325, '3.1.1', 'Implementations MUST NOT negotiate TLS version 1.0 [RFC2246].'),
      cite(9325, '3.1.1', 'Implementations MUST NOT negotiate TLS version 1.1 [RFC4346].'),
      cite(8996, '4', 'TLS 1.0 MUST NOT be used. Negotiation of TLS 1.0 from any version of TLS MUST NOT be permitted.'),
      cite(8996, '5', 'TLS 1.1 MUST NOT be used. Negotiation of TLS 1.1 from any version of TLS MUST NOT be permitted.'),
    ],
  },
  {
    id: 'T-12', level: 'MUST', summary: 'TLS 1.2 is negotiated when offered alone',
    sources: [RFC9325_3_1_1_TLS12],
  },
  {
    id: 'T-13', level: 'SHOULD', summary: 'TLS 1.3 is supported',
    sources: [cite(9325, '3.1.1', 'Implementations SHOULD support TLS 1.3 [RFC8446] and, if implemented, MUST prefer to negotiate TLS 1.3 over earlier versions of TLS.')],
  },
  {
    id: 'T-WEAK', level: 'MUST NOT', summary: 'NULL, export and RC4 suites are not negotiated',
    sources: [
      cite(9325, '4.1', 'Implementations MUST NOT negotiate the cipher suites with NULL encryption.'),
      cite(9325, '4.1', 'Implementations MUST NOT negotiate RC4 cipher suites.'),
      cite(9325, '4.1', 'Implementations MUST NOT negotiate cipher suites offering less than 112 bits of security, including so-called "export-level" encryption (which provides 40 or 56 bits of security).'),
      cite(7465, '2', 'TLS servers MUST NOT select an RC4 cipher suite when a TLS client sends such a cipher suite in the ClientHello message.'),
    ],
  },
  {
    id: 'T-ANON', level: 'MUST NOT', summary: 'Anonymous (unauthenticated) suites are not negotiated',
    sources: [cite(5246, 'A.5', 'These cipher suites MUST NOT be used by TLS 1.2 implementations unless the application layer has specifically requested to allow anonymous key exchange.')],
    suitePolicy: 'A.5 allows anonymous suites where the application layer asks for them; a submission server authenticates with its certificate (RFC 8314 §4.4), so the suite grants no such exception on 465 or 587.',
  },
  {
    id: 'T-3DES', level: 'SHOULD NOT', summary: '3DES suites are not negotiated',
    sources: [
      cite(9325, '4.1', 'Implementations SHOULD NOT negotiate cipher suites that use algorithms offering less than 128 bits of security.'),
      cite(9325, '4.1', 'Note that, because of so-called "meet-in-the-middle" attacks [Multiple-Encryption], some legacy cipher suites (e.g., 168-bit Triple DES (3DES)) have an effective key length that is smaller than their nominal key length (112 bits in the case of 3DES).'),
    ],
  },
  {
    id: 'T-FS', level: 'SHOULD NOT', summary: 'Static RSA key transport is not negotiated (forward secrecy only)',
    sources: [cite(9325, '4.1', 'Implementations SHOULD NOT negotiate cipher suites based on RSA key transport, a.k.a. "static RSA".')],
  },
  {
    id: 'T-COMP', level: 'SHOULD NOT', summary: 'TLS compression is not negotiated',
    sources: [cite(9325, '3.3', 'In order to help prevent compression-related attacks (summarized in Section 2.6 of [RFC7457]) when using TLS 1.2, implementations and deployments SHOULD NOT support TLS-level compression (Section 6.2.2 of [RFC5246]); the only exception is when the application protocol in question has been proven not to be open to such attacks.')],
  },
  {
    id: 'T-RENEG', level: 'MUST', summary: 'Secure renegotiation is supported; client-initiated renegotiation is recorded (INFO)',
    sources: [
      RFC9325_3_5_RENEGOTIATION,
      cite(5746, '3.6', 'If the secure_renegotiation flag is set to TRUE, the server MUST include an empty "renegotiation_info" extension in the ServerHello message.'),
      paraphrase(5746, '1', 'TLS lets either the client or the server start a renegotiation, a new handshake on the existing connection; RFC 5746 binds it to that connection. Whether a server accepts one the client starts is left open, so the suite records it (INFO) and does not grade it.'),
    ],
  },
  {
    id: 'T-EMS', level: 'MUST', summary: 'Extended master secret on TLS 1.2',
    sources: [
      cite(9325, '3.5', 'To address this attack, TLS 1.2 implementations MUST support the extended_master_secret extension defined in [RFC7627].'),
      cite(7627, '5.2', 'If a server implementing this document receives the "extended_master_secret" extension, it MUST include the extension in its ServerHello message.'),
    ],
  },
  {
    id: 'T-KEY', level: 'MUST', summary: 'RSA ≥ 2048, DHE ≥ 2048, no curve under 224 bits',
    sources: [
      cite(9325, '4.5', 'With a key exchange based on modular exponential (MODP) Diffie-Hellman groups ("DHE" cipher suites), DH key lengths of at least 2048 bits are REQUIRED.'),
      cite(9325, '4.5', 'Curves of less than 224 bits MUST NOT be used.'),
      cite(9325, '4.5', 'When using RSA, servers MUST authenticate using certificates with at least a 2048-bit modulus for the public key.'),
    ],
  },
  {
    id: 'C-NAME', level: 'config', summary: 'A SAN dNSName matches the server name',
    sources: [
      RFC8314_4_4,
      cite(7817, '5', 'Mail Service Providers and Certificate Signing Request generation tools: / 1. MUST include the DNS-ID identifier type in Certificate Signing Requests for the host name(s) where the email server(s) are running.'),
      cite(7817, '3', 'The "*" wildcard character MAY be used as the left-most name component of a DNS-ID or CN-ID in the certificate.'),
      cite(7817, '3', 'Note that the wildcard character MUST NOT be used as a fragment of the left-most name component (e.g., "*oo.example.com", "f*o.example.com", or "foo*.example.com").'),
      cite(7817, '3', 'For backward compatibility with deployed software, a CN-ID identifier type (CN attribute from the subject name, see [RFC6125]) MAY be used for server identity verification.'),
      paraphrase(9525, '6.3', 'RFC 9525, which obsoletes RFC 6125, no longer lets a client fall back to the subject\'s CN: the server name is matched against the subjectAltName identifiers only.'),
    ],
    suitePolicy: 'SAN dNSName only: RFC 7817 §3 still lets an email client fall back to the CN (MAY); the suite follows RFC 9525 and does not.',
  },
  {
    id: 'C-CHAIN', level: 'config', summary: 'The chain verifies to the trust anchor',
    sources: [
      RFC8314_4_4,
      RFC7817_3_PATH,
      cite(5280, '6.1.3', 'The certificate MUST satisfy each of the following: / (1) The signature on the certificate can be verified using working_public_key_algorithm, the working_public_key, and the working_public_key_parameters.'),
      cite(5246, '7.4.2', 'This is a sequence (chain) of certificates. The sender\'s certificate MUST come first in the list. Each following certificate MUST directly certify the one preceding it.'),
    ],
  },
  {
    id: 'C-TIME', level: 'config', summary: 'Not expired, not yet valid',
    sources: [RFC8314_4_4, RFC7817_3_PATH, cite(5280, '6.1.3', 'The certificate MUST satisfy each of the following: … (2) The certificate validity period includes the current time.')],
  },
  {
    id: 'C-SIG', level: 'config', summary: 'No MD5/SHA-1 signatures; key usage permits serverAuth',
    sources: [
      RFC9325_4_5_HASH,
      cite(5280, '4.2.1.12', 'If the extension is present, then the certificate MUST only be used for one of the purposes indicated.'),
      cite(5280, '4.2.1.12', 'If a certificate contains both a key usage extension and an extended key usage extension, then both extensions MUST be processed independently and the certificate MUST only be used for a purpose consistent with both extensions.'),
    ],
    suitePolicy: 'RFC 9325 §4.5 states the hash rule next to the certificate key sizes; the suite applies it to the signature of every certificate the server sends.',
  },
  {
    id: 'C-SAME', level: 'INFO', summary: '465 and 587 present the same certificate',
    sources: [
      cite(8314, '3.3', 'Note that the "submissions" port provides access to a Message Submission Agent (MSA) as defined in [RFC6409], so requirements and recommendations for MSAs in that document, including the requirement to implement SMTP AUTH [RFC4954] and the requirements of Email Submission Operations [RFC5068], also apply to the submissions port.'),
      cite(9325, '3.9', 'To mitigate this threat, service providers SHOULD ensure that all servers providing the same service provide equivalent levels of security that are consistent with the recommendations in this document.'),
    ],
  },
];
