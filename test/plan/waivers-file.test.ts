// `--waivers FILE` (app/plan/waivers-file.ts): every entry checked, so that a typo never waives nothing
// in silence, and an expired waiver stops the run instead of hiding a finding past its date.
import { describe, expect, it } from 'vitest';
import { parseWaivers, WaiversFileError } from '../../app/plan/waivers-file.ts';
import { withRunWaivers } from '../../app/provision/resolve-targets.ts';
import { findWaiver } from '../../harness/run/run-case.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { pipelinedNoop } from '../../suites/injection/1/pipelined-noop.ts';

const TODAY = '2025-06-15';
const parse = (value: unknown) => parseWaivers(JSON.stringify(value), 'waivers.json', TODAY);
const error = (value: unknown) => {
  try {
    parse(value);
  } catch (err) {
    expect(err).toBeInstanceOf(WaiversFileError);
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('waivers file', () => {
  it('reads case, port, reason and expires into the waivers a target carries', () => {
    expect(
      parse([
        { case: 'injection/1/', port: '587', reason: ' bug 12, fixed in 2.1 ', expires: '2025-06-15' },
        { case: 'R3207-4a', reason: 'both ports, no end' },
        { case: 'rfc3207/4.2/session-model', port: 465, reason: 'a number is taken too' },
      ]),
    ).toEqual([
      { pattern: 'injection/1/', port: 'starttls', reason: 'bug 12, fixed in 2.1', expires: '2025-06-15', file: 'waivers.json' },
      { pattern: 'R3207-4a', reason: 'both ports, no end', file: 'waivers.json' },
      { pattern: 'rfc3207/4.2/session-model', port: 'implicit', reason: 'a number is taken too', file: 'waivers.json' },
    ]);
    expect(parse([])).toEqual([]);
  });

  it('a waiver holds through its expires day, and is an error from the day after', () => {
    expect(parse([{ case: 'injection/', reason: 'r', expires: TODAY }])).toHaveLength(1);
    expect(error([{ case: 'injection/', reason: 'r', expires: '2025-06-14' }])).toBe('waivers.json: waiver 1 ("injection/"): expired: it held until 2025-06-14; renew it with a new date, or remove it');
  });

  it('names the entry and what is wrong with it, in one line', () => {
    expect(error('{')).toMatch(/^waivers\.json: a waivers file is a JSON array/);
    expect(parseWaivers.bind(null, '[', 'w.json', TODAY)).toThrow(/^w\.json: not JSON \(/);
    expect(error([{ case: 'injection/', reason: 'r' }, 'x'])).toBe('waivers.json: waiver 2: not an object');
    expect(error([{ case: 'injection/', reason: 'r', until: '2030-01-01' }])).toBe('waivers.json: waiver 1: unknown member "until" (members: case, port, reason, expires)');
    expect(error([{ reason: 'r' }])).toBe('waivers.json: waiver 1: "case" must be a case id, an id prefix or a requirement ID');
    expect(error([{ case: 'injection/9/', reason: 'r' }])).toBe('waivers.json: waiver 1 ("injection/9/"): "case" matches no case id or requirement ID (see msaspec list)');
    expect(error([{ case: 'injection/', reason: '  ' }])).toBe('waivers.json: waiver 1 ("injection/"): "reason" must say why, in a non-empty string');
    expect(error([{ case: 'injection/', reason: 'r', port: '25' }])).toBe('waivers.json: waiver 1 ("injection/"): "port" must be "465" or "587" (absent: both)');
    expect(error([{ case: 'injection/', reason: 'r', expires: '2025-02-30' }])).toBe('waivers.json: waiver 1 ("injection/"): "expires" must be a day, YYYY-MM-DD');
    expect(error([{ case: 'injection/', reason: 'r', expires: '15.06.2025' }])).toMatch(/"expires" must be a day/);
  });

  it('come after a built-in target\'s own waivers, which keep matching first', () => {
    const own = { pattern: 'injection/1/', reason: 'the MTA\'s own, from its findings' };
    const target = { name: 'postfix:stock', waivers: [own] } as unknown as ResolvedTarget;
    const fromFile = parse([{ case: 'injection/', reason: 'from the file' }]);
    const combined = withRunWaivers(target, fromFile);
    expect(combined.waivers).toEqual([own, ...fromFile]);
    expect(findWaiver(combined.waivers, pipelinedNoop, 'starttls')).toBe(own);
    expect(withRunWaivers(target, [])).toBe(target);
  });
});
