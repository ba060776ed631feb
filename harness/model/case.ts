import type { PortKind } from './port.ts';
import type { Replay } from './result.ts';
import type { Category, Level, Outcome, Verdict } from './verdict.ts';

/** What an oracle says about one observation: the outcome and, in words, what the server did. */
export interface Judgement {
  outcome: Outcome;
  actual: string;
  /** Which of several conforming (or violating) outcomes was seen. */
  seen?: string;
  /** Property-based cases: the seed and runs that reproduce this judgement. */
  replay?: Replay;
  /**
   * What a violation breaks, where that is not simply the case's own requirements at the case's own
   * keyword: a model-based case meets many rules and names the one its counterexample broke, and one
   * deviation of a security case may be a plain conformance finding. Unset parts default to the case's.
   */
  breaks?: Breach;
}

/** The requirement(s) a violation broke, the RFC keyword it is graded at, and how it is shown. */
export interface Breach {
  /** Requirement IDs of the catalogue (suites/requirements.ts). */
  requirements?: readonly string[];
  level?: Level;
  category?: Category;
}

/**
 * What a case's `run` is given. harness/run/case-context.ts fills it in by declaration merging
 * (`context` is its CaseContext), so the model names the context without importing it: run/ stands
 * on model/, never the reverse.
 */
export interface CaseRuntime {}

/**
 * The two proofs a case carries beside it: a check that cannot fail is a defect, and so is one that
 * fails a conforming server. Names are those of the deliberately flawed target's switches
 * (targets/flawed/flaws.ts) and conformant variants (targets/flawed/variants.ts); the
 * self-validation tests check that each exists and run them (test/self-validation/flaw-switches.test.ts,
 * conformant-variants.test.ts).
 */
export interface CaseProof {
  /** The flaw that must turn the case from PASS into its finding. */
  flaw: string;
  /** The finding: FAIL at MUST level, WARN at SHOULD level and for configuration findings; INFO for a case that records behaviour. */
  verdict: Extract<Verdict, 'FAIL' | 'WARN' | 'INFO'>;
  /** Flaws that create the precondition, on in both runs (e.g. MAIL allowed before TLS). */
  base?: readonly string[];
  /**
   * A case that only records behaviour (INFO in both runs, never PASS) is proven by its observation
   * changing under the switch: its Actual matches `without` and not `with` when the flaw is off, and
   * the other way round when it is on.
   */
  actual?: { without: RegExp; with: RegExp };
  /**
   * Conformant variants this case is about: what they do is, for this case, a SHOULD-level (or
   * configuration) finding, so the case may WARN on them. It never FAILs on any variant.
   */
  about?: readonly string[];
  /**
   * Conformant variants that exercise this case's oracle in particular (replies and behaviours the
   * RFCs allow that a naive oracle would call wrong): the case stays PASS, NA or INFO on them. It is
   * run on every variant all the same; this names where a regression of its oracle shows first.
   */
  greenOn?: readonly string[];
}

/**
 * A test case: data plus one check. `run` talks to the server and returns a
 * JSON-serialisable observation; `judge` is a pure function of that observation, so every oracle
 * can be tested without a server.
 */
export interface CaseDefinition<O = unknown> {
  /** Stable and hierarchical: "<area>/<section>/<name>". Never renumbered. */
  id: string;
  title: string;
  /** IDs of the requirement catalogue (suites/requirements.ts) this case checks. */
  requirements: string[];
  level: Level;
  category: Category;
  /** The RFC sentence the case enforces, paraphrased, with its section. */
  source: { rfc: string; section: string; text: string };
  /** Services the case runs on. */
  ports: readonly PortKind[];
  /** "target": one run per target about both services together (reported on port "465+587"). */
  scope?: 'port' | 'target';
  /**
   * "configuration": a violation is a deployment's configuration finding (a certificate, not the
   * protocol), WARN under the default profile and FAIL under `--profile strict`, whatever the level.
   */
  finding?: 'configuration';
  /** Every conforming outcome, as the report shows them. */
  expected: string[];
  /** The flaw that makes it fail and the conformant variants it stays green on. */
  proof: CaseProof;
  run(ctx: CaseRuntime['context']): Promise<O>;
  judge(observation: O): Judgement;
}

/** The judgement of a case that needs the target's credentials when none were given. */
export const NO_CREDENTIALS: Judgement = { outcome: 'na', actual: 'no credentials given for this target' };

export function defineCase<O>(definition: CaseDefinition<O>): CaseDefinition<O> {
  return definition;
}

export type AnyCase = CaseDefinition<any>;
