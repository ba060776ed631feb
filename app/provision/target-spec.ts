import type { EnvelopeSettings } from '../../harness/model/envelope.ts';
import type { Profile } from '../../harness/model/verdict.ts';
import type { Shard } from '../plan/shard.ts';

/** What the user asked to test, before anything is started. Serialisable: it crosses into vitest. */
export type TargetSpec =
  | { type: 'builtin'; name: string; flaws?: string[] }
  | {
      type: 'external';
      host: string;
      implicitPort?: number;
      starttlsPort?: number;
      user?: string;
      /** PEM text of the trust anchor, read by the CLI. */
      ca?: string;
      servername: string;
    };

export interface RunPlan {
  runId: string;
  targets: TargetSpec[];
  only: string[];
  /** Case id prefixes or requirement IDs left out, after `only`. */
  exclude?: string[];
  /** Only this part of the case × target × port rows (`--shard i/n`). */
  shard?: Shard;
  strict: boolean;
  /** Grading of configuration findings (`--profile`); absent means "default". */
  profile?: Profile;
  caseTimeoutMs: number;
  replyTimeoutMs: number;
  quietMs: number;
  /** fast-check seed of the property-based cases (`--seed`, else random): printed in the report for replay. */
  seed?: number;
  /** Generated runs per property-based case (`--runs`); absent: each case's default. */
  runs?: number;
  /** Connections open at once to one target (`--connections`); cases wait for a slot. */
  connections?: number;
  /** Epoch ms when the run stops starting cases and stops running ones (`--deadline`). */
  deadlineAt?: number;
  /** `--mail-from`, `--rcpt-to`, `--ehlo-name` as given, for every target of the run; absent: the suite's defaults. */
  envelope?: EnvelopeSettings;
  /** `--cleartext-test-credentials`: the external host's real credentials may go in clear (a throwaway test account). */
  cleartextTestCredentials?: boolean;
}

/** Environment variables that carry the plan and the secret from the CLI to vitest's globalSetup. */
export const PLAN_ENV = 'MSASPEC_PLAN';
export const PASSWORD_ENV = 'MSASPEC_PASSWORD';
