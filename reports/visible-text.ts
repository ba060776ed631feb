/** Control characters other than tab and line feed, DEL and the C1 set: what no report shows raw. */
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** A UTF-16 surrogate without its pair: no encoding can write it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Control characters written out as `\xNN` text, as transcripts already show them (harness/smtp
 * printable), and unpaired surrogates as `\uNNNN`, so every writer's output is well-formed text.
 */
export function visibleControls(text: string): string {
  return text
    .replace(CONTROLS, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(LONE_SURROGATE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
