import type { Verdict } from '../harness/model/verdict.ts';

/** Plain ANSI SGR codes: no dependency, and the caller alone decides whether color is on. */
const SGR = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33',
  blue: '34',
  magenta: '35',
  cyan: '36',
  boldRed: '1;31',
} as const;

export type Style = keyof typeof SGR;

export type Paint = (style: Style, text: string) => string;

export function painter(color: boolean): Paint {
  return color ? (style, text) => `\x1b[${SGR[style]}m${text}\x1b[0m` : (_style, text) => text;
}

export const VERDICT_GLYPH: Record<Verdict, string> = {
  PASS: '✔',
  FAIL: '×',
  WARN: '⚠',
  INFO: 'ℹ',
  NA: '–',
  ERROR: '!',
  XFAIL: '⊘',
  XPASS: '⊕',
};

export const VERDICT_STYLE: Record<Verdict, Style> = {
  PASS: 'green',
  FAIL: 'red',
  WARN: 'yellow',
  INFO: 'blue',
  NA: 'dim',
  ERROR: 'magenta',
  XFAIL: 'cyan',
  XPASS: 'boldRed',
};

/** Words for the per-target summary line, e.g. "11 passed, 1 failed". */
export const VERDICT_WORD: Record<Verdict, string> = {
  PASS: 'passed',
  FAIL: 'failed',
  WARN: 'warned',
  INFO: 'informational',
  NA: 'not applicable',
  ERROR: 'errored',
  XFAIL: 'failed as expected',
  XPASS: 'passed unexpectedly',
};
