// Where an MTA has two release lines, every case whose expected verdict differs between them (in
// either configuration, on either port) says why in the newer line's findings (`changes`): a changed
// default, a fix, a regression. docs/results.md's "What changed" shows those reasons beside the
// published verdicts; a difference without a reason, or a reason for no difference, fails here.
import { describe, expect, it } from 'vitest';
import { PORT_KINDS } from '../../harness/model/port.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { CONFIGURATIONS } from '../../targets/container-target.ts';
import { MTAS } from '../../targets/mtas.ts';
import { expectedVerdict } from '../../targets/target-findings.ts';

const pairs = MTAS.flatMap((mta) => mta.lines.slice(0, -1).map((newer, i) => [`${mta.name} ${newer.release} over ${mta.lines[i + 1]!.release}`, newer, mta.lines[i + 1]!] as const));

describe.each(pairs)('%s', (_name, newer, older) => {
  const differing = ALL_CASES.filter((c) =>
    CONFIGURATIONS.some((configuration) => PORT_KINDS.some((port) => expectedVerdict(newer.findings.configurations[configuration], c.id, port) !== expectedVerdict(older.findings.configurations[configuration], c.id, port))),
  ).map((c) => c.id);

  it('explains every case whose expected verdict differs from the line below', () => {
    expect(differing.filter((id) => !newer.findings.changes?.[id])).toEqual([]);
  });

  it('explains nothing that did not change', () => {
    expect(Object.keys(newer.findings.changes ?? {}).filter((id) => !differing.includes(id))).toEqual([]);
  });
});

it('an MTA with one line has no changes to explain', () => {
  for (const mta of MTAS) for (const line of mta.lines.slice(-1)) expect(line.findings.changes, `${mta.name} ${line.release}`).toBeUndefined();
});
