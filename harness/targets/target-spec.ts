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
  strict: boolean;
  caseTimeoutMs: number;
  replyTimeoutMs: number;
  quietMs: number;
}

/** Environment variables that carry the plan and the secret from the CLI to vitest's globalSetup. */
export const PLAN_ENV = 'MSASPEC_PLAN';
export const PASSWORD_ENV = 'MSASPEC_PASSWORD';
