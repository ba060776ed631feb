import type { Category, Level, Verdict } from './verdict.ts';
import type { WireEntry } from '../smtp/wire-log.ts';

/** One case run against one target on one port: the row every report is made of. */
export interface CaseResult {
  caseId: string;
  title: string;
  /** What the case checks. */
  requirements: string[];
  /**
   * Set when the case found a violation (FAIL, WARN, or a waived XFAIL): the requirements the observed
   * deviation breaks, which a model-based case narrows to the rule its counterexample broke.
   */
  violated?: string[];
  /** The keyword the verdict was graded at: the case's, or that of the requirement a violation broke. */
  level: Level;
  category: Category;
  /** RFC and section the case enforces, with a short paraphrase of the sentence. */
  source: { rfc: string; section: string; text: string };
  target: string;
  /** "465", "587", or "465+587" for a case about the target as a whole. */
  port: string;
  verdict: Verdict;
  /** Every outcome that conforms. */
  expected: string[];
  /** What the server did. */
  actual: string;
  /** Which of several conforming outcomes was seen, when the requirement leaves room. */
  seen?: string;
  /** Why the harness could not conclude (verdict ERROR). */
  error?: string;
  /** Reason from the target configuration when the case is waived (XFAIL / XPASS). */
  waiver?: string;
  /** How to reproduce a property-based case: `msaspec run --seed <seed> --runs <runs>`. */
  replay?: Replay;
  durationMs: number;
  /** TCP connections the case opened to the target. */
  connections?: number;
  transcript: WireEntry[];
}

/** A property-based case's generated runs (fast-check): enough to replay them exactly. */
export interface Replay {
  seed: number;
  /** Random runs asked for (`--runs`); with the seed, it fixes every generated input. */
  runs: number;
  /** Runs of the case's systematic core, made in full before the random ones whatever `runs` says (absent: no core). */
  core?: number;
  /** Runs made before the verdict, core and random (up to and including the first failing one). */
  executed?: number;
  /** fast-check's path to the shrunk counterexample. */
  path?: string;
  /** The shrunk counterexample, printable, credentials masked. */
  counterexample?: string;
}
