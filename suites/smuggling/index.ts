import type { AnyCase } from '../../harness/model/case.ts';
import { bareNewlinesNotCommandEnds } from './2.3.8/bare-newlines-not-command-ends.ts';
import { bareNewlinesNotRelayed } from './2.3.8/bare-newlines-not-relayed.ts';
import { endOfDataLookAlikes } from './4.1.1.4/end-of-data-look-alikes.ts';
import { generatedLookAlikes } from './4.1.1.4/generated-look-alikes.ts';

/**
 * The SMTP smuggling cases (CVE-2023-51764, -51765, -51766: end-of-data look-alikes and bare CR and
 * LF), in report order. Each case is one file, `<section>/<name>.ts` for the id
 * `smuggling/<section>/<name>`, the section being RFC 5321's; code several of them share is in common/.
 */
export const SMUGGLING_CASES: readonly AnyCase[] = [endOfDataLookAlikes, generatedLookAlikes, bareNewlinesNotRelayed, bareNewlinesNotCommandEnds];
