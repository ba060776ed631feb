import type { Category, Level, Verdict } from './verdict.ts';
import type { WireEntry } from '../smtp/wire-log.ts';

/** One case run against one target on one port: the row every report is made of. */
export interface CaseResult {
  caseId: string;
  title: string;
  requirements: string[];
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
  /** Reason from the target profile when the case is waived (XFAIL / XPASS). */
  waiver?: string;
  durationMs: number;
  transcript: WireEntry[];
}
