import fc from 'fast-check';
import { CLASSIC_LOOK_ALIKES, holdsRealEnd, LOOK_ALIKE_ALPHABET, lookAlikeBytes, showLookAlike, type LookAlike } from './look-alikes.ts';
import type { DataWrite } from './smuggling-probe.ts';

/**
 * Generated smuggling inputs (SMUG-1): a look-alike from the alphabet around a dot, cut into writes at
 * chosen octets (a parser that matches the end of data within one read misses it across two), the
 * smuggled transaction pipelined behind it or sent line by line after a pause each (a client without
 * PIPELINING: the pause lets the early 250 come and defeats a server that only refuses commands
 * pipelined behind the end of data). Shrinks towards one write of a short look-alike, pipelined.
 */
export interface SmugglingInput extends LookAlike {
  /** Write boundaries, as octet offsets into the look-alike (0: before it; its length: after it). */
  cuts: number[];
  pipelined: boolean;
}

const side = fc.array(fc.constantFrom(...LOOK_ALIKE_ALPHABET), { maxLength: 3 }).map((chars) => chars.join(''));

export const generatedSmuggling: fc.Arbitrary<SmugglingInput> = fc
  .record({
    before: side,
    after: side,
    cuts: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { maxLength: 3 }),
    pipelined: fc.boolean(),
  })
  .filter((input) => !holdsRealEnd(input));

/** Every octet boundary of the look-alike, its ends included: each octet a write of its own. */
export const everyOctet = (l: LookAlike): number[] => Array.from({ length: lookAlikeBytes(l).length + 1 }, (_, i) => i);

/**
 * The systematic core: every classic look-alike, pipelined and not, the cuts alternating between none
 * and one at every octet, so that each look-alike meets both ways of sending the smuggled lines and
 * each of those meets both ways of cutting.
 */
export function smugglingCore(): SmugglingInput[] {
  return CLASSIC_LOOK_ALIKES.flatMap((l, i) => [
    { ...l, pipelined: true, cuts: i % 2 === 0 ? [] : everyOctet(l) },
    { ...l, pipelined: false, cuts: i % 2 === 0 ? everyOctet(l) : [] },
  ]);
}

/**
 * The writes after DATA's 354: the message head up to its first text, the look-alike cut as the input
 * says, and the smuggled lines, pipelined behind it or each after a pause.
 */
export function smugglingWrites(input: SmugglingInput, head: string, smuggled: readonly string[]): DataWrite[] {
  const lookAlike = lookAlikeBytes(input);
  const bounds = [...new Set([0, ...input.cuts.filter((c) => c <= lookAlike.length), lookAlike.length])].sort((a, b) => a - b);
  const pieces: string[] = [head];
  for (let k = 0; k + 1 < bounds.length; k++) pieces.push(lookAlike.slice(bounds[k], bounds[k + 1]));
  // Without a cut at 0 the look-alike leaves with the text before it; without one at its end, with what follows.
  if (!input.cuts.includes(0) && pieces.length > 1) pieces.splice(0, 2, pieces[0]! + pieces[1]!);
  const writes: DataWrite[] = pieces.filter(Boolean).map((bytes) => ({ bytes }));
  const joinsNext = !input.cuts.includes(lookAlike.length);
  if (input.pipelined) {
    const all = smuggled.join('');
    if (joinsNext) writes[writes.length - 1] = { bytes: writes[writes.length - 1]!.bytes + all };
    else writes.push({ bytes: all });
    return writes;
  }
  return [...writes, ...smuggled.map((bytes) => ({ bytes, pause: true }))];
}

/** The input as a human reads it: the look-alike, its cuts, pipelined or not. */
export function describeSmuggling(input: SmugglingInput): string {
  const lookAlike = lookAlikeBytes(input);
  const cuts = input.cuts.filter((c) => c <= lookAlike.length).sort((a, b) => a - b);
  const cut = cuts.length === 0 ? 'in one write with the text' : `cut at octet${cuts.length > 1 ? 's' : ''} ${cuts.join(', ')}`;
  return `${showLookAlike(input)} ${cut}, the smuggled transaction ${input.pipelined ? 'pipelined behind it' : 'line by line, each after a pause'}`;
}
