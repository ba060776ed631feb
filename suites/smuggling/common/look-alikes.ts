/**
 * End-of-data look-alikes (SMTP smuggling, CVE-2023-51764, -51765, -51766): byte sequences around a
 * dot that some server takes for the end of mail data although RFC 5321 §4.1.1.4 allows only
 * <CRLF>.<CRLF>. A look-alike is `before + "." + after`, each side drawn from CR, LF, NUL, "." and
 * space; the classic ones are those of the published scanners (SEC Consult's SMTP-Smuggling-Tools,
 * hannob/smtpsmug) and of the three CVEs.
 */
export const CR = '\r';
export const LF = '\n';
export const NUL = '\0';
export const SP = ' ';
/** The octets a look-alike is made of, around its dot. */
export const LOOK_ALIKE_ALPHABET: readonly string[] = [CR, LF, NUL, '.', SP];

export interface LookAlike {
  before: string;
  after: string;
}

export const lookAlikeBytes = (l: LookAlike): string => `${l.before}.${l.after}`;

/**
 * The classic look-alikes, in the order the cases report them: bare LF (Postfix before
 * smtpd_forbid_bare_newline), <LF>.<CR><LF> (Exim, sendmail), bare CR, mixed ends, a NUL beside the
 * dot (the sendmail variant Debian closed by refusing NUL), and a space beside it (a parser that trims).
 */
export const CLASSIC_LOOK_ALIKES: readonly LookAlike[] = [
  { before: LF, after: LF },
  { before: LF, after: CR + LF },
  { before: CR + LF, after: LF },
  { before: CR, after: CR },
  { before: CR, after: CR + LF },
  { before: CR + LF, after: CR },
  { before: CR + LF, after: NUL + CR + LF },
  { before: CR + LF + NUL, after: CR + LF },
  { before: CR + LF + SP, after: CR + LF },
  { before: CR + LF, after: SP + CR + LF },
];

/**
 * The look-alikes of the published advisories, one probe each in smuggling/4.1.1.4/end-of-data-look-alikes
 * (each probe is a submitted message, which some servers take a second or more to accept); the
 * generated case's core runs all of CLASSIC_LOOK_ALIKES.
 */
export const ADVISORY_LOOK_ALIKES: readonly LookAlike[] = CLASSIC_LOOK_ALIKES.slice(0, 7);

const NAMES: Record<string, string> = { [CR]: '<CR>', [LF]: '<LF>', [NUL]: '<NUL>', [SP]: '<SP>' };

/** "<LF>.<CR><LF>": the octets as RFC 5321 writes them. */
export function showOctets(bytes: string): string {
  return [...bytes].map((ch) => NAMES[ch] ?? ch).join('');
}

export const showLookAlike = (l: LookAlike): string => showOctets(lookAlikeBytes(l));

/**
 * True when the look-alike, between the text before it and the smuggled command after it, holds the
 * real end of data: such an input is no look-alike, and a conforming server ends the data there.
 */
export function holdsRealEnd(l: LookAlike): boolean {
  return `x${lookAlikeBytes(l)}M`.includes('\r\n.\r\n');
}
