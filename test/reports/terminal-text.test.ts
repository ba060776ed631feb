import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../reports/terminal-text.ts';

const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

describe('terminalSafe', () => {
  it('drops a window-title OSC and a screen clear whole', () => {
    expect(terminalSafe('550 no\x1b]0;pwned\x07\x1b[2J thanks')).toBe('550 no thanks');
  });

  it('drops an OSC ended by ST, and an OSC 8 hyperlink', () => {
    expect(terminalSafe('a\x1b]0;pwned\x1b\\b')).toBe('ab');
    expect(terminalSafe('\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\')).toBe('click');
  });

  it('drops CSI sequences with parameters and intermediates', () => {
    expect(terminalSafe('\x1b[1;31mred\x1b[0m \x1b[?25l\x1b[10;20H\x1b[ q')).toBe('red ');
  });

  it('drops other escape sequences and DCS strings', () => {
    expect(terminalSafe('a\x1bcb\x1b(0c\x1b7d')).toBe('abcd');
    expect(terminalSafe('a\x1bP1$qm\x1b\\b')).toBe('ab');
  });

  it('drops C1 controls, including the 8-bit CSI', () => {
    expect(terminalSafe('a\x9b2Jb\x85c\x9d0;t')).toBe('abc0;t');
  });

  it('turns tabs and line breaks into spaces so a server cannot forge a report line', () => {
    expect(terminalSafe('a\tb\r\n  ✔ PASS fake')).toBe('a b    ✔ PASS fake');
  });

  it('removes other C0 controls and DEL', () => {
    expect(terminalSafe('a\x00\x07\x08\x7fb')).toBe('ab');
  });

  it('keeps printable text, including non-ASCII and the printable() escapes', () => {
    expect(terminalSafe('250 ok — ünïcode \\x1b[2J')).toBe('250 ok — ünïcode \\x1b[2J');
  });

  it('never lets a control character through', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0x2ff }).map((c) => String.fromCharCode(c)) }), (s) => {
        expect(terminalSafe(s)).not.toMatch(CONTROL);
      }),
    );
  });
});
