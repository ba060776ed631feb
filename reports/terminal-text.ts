// String sequences (OSC, DCS, SOS, PM, APC) run to BEL or ST; an unterminated one is cut at the next ESC.
// Their 8-bit introducers are only removed, not followed: once gone, what follows is plain text.
const STRING_SEQUENCE = /\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?/g;
const CSI_SEQUENCE = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?/g;
const OTHER_ESCAPE = /\x1b[ -/]*[0-~]?/g;
const LINE_WHITESPACE = /[\t\n\v\f\r]/g;
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;

/**
 * Text fit for a terminal: a server must not be able to retitle the window, clear the screen, move the
 * cursor or fake report lines. Escape sequences are dropped whole; tabs and line breaks become spaces
 * (a line break could forge a verdict line); every other C0/C1 control and DEL is removed, so no
 * escape character survives even if a sequence is malformed.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(STRING_SEQUENCE, '')
    .replace(CSI_SEQUENCE, '')
    .replace(OTHER_ESCAPE, '')
    .replace(LINE_WHITESPACE, ' ')
    .replace(CONTROLS, '');
}
