import type { AnyCase } from '../harness/model/case.ts';
import { CERTIFICATE_CASES } from './certificates/index.ts';
import { INJECTION_CASES } from './injection/index.ts';
import { RFC2920_CASES } from './rfc2920/index.ts';
import { RFC3207_CASES } from './rfc3207/index.ts';
import { RFC4954_CASES } from './rfc4954/index.ts';
import { RFC5321_CASES } from './rfc5321/index.ts';
import { RFC6409_CASES } from './rfc6409/index.ts';
import { RFC8314_CASES } from './rfc8314/index.ts';
import { SMUGGLING_CASES } from './smuggling/index.ts';
import { TLS_CASES } from './tls/index.ts';

/**
 * Every case, in report order: the areas in this order, each in its own list's order. Ids are stable:
 * add cases, never renumber them. A case is one file, `suites/<area>/<section>/<name>.ts` for the id
 * `<area>/<section>/<name>`, with its line in `suites/<area>/index.ts`.
 */
export const ALL_CASES: readonly AnyCase[] = [
  ...RFC8314_CASES,
  ...RFC3207_CASES,
  ...RFC4954_CASES,
  ...RFC6409_CASES,
  ...RFC5321_CASES,
  ...RFC2920_CASES,
  ...INJECTION_CASES,
  ...SMUGGLING_CASES,
  ...TLS_CASES,
  ...CERTIFICATE_CASES,
];

/** `--only` then `--exclude`: each a case id prefix or a requirement ID. */
export function selectCases(only: readonly string[] = [], exclude: readonly string[] = []): AnyCase[] {
  const matches = (c: AnyCase, selector: string) => c.id.startsWith(selector) || c.requirements.includes(selector);
  return ALL_CASES.filter((c) => (only.length === 0 || only.some((s) => matches(c, s))) && !exclude.some((s) => matches(c, s)));
}
