import type { PortKind } from './port.ts';
import type { Replay } from './result.ts';
import type { Category, Level, Outcome } from './verdict.ts';

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
  run(ctx: CaseRuntime['context']): Promise<O>;
  judge(observation: O): Judgement;
}

/**
 * Thrown by a case (or a helper it uses) when what it stands on is absent on this target, such as
 * authentication with the target's credentials: the row is NA with this message, and the finding, if
 * there is one, belongs to the case that checks that precondition (named in the message).
 */
export class PreconditionUnmet extends Error {
  override name = 'PreconditionUnmet';
}

/** The judgement of a case that needs the target's credentials when none were given. */
export const NO_CREDENTIALS: Judgement = { outcome: 'na', actual: 'no credentials given for this target' };

export function defineCase<O>(definition: CaseDefinition<O>): CaseDefinition<O> {
  return definition;
}

export type AnyCase = CaseDefinition<any>;
