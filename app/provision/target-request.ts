/** What the user asked to test, before anything is started. Serialisable: it crosses into vitest. */
export type TargetRequest =
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

/**
 * A target as the run plan names it before it starts (app/plan/shard.ts plannedName: a registry name,
 * or "host:H"): what `--shard` keys on, and how a started target finds its rows in the plan.
 */
export type PlannedSpec = TargetRequest & { planned: string };

/** Environment variable that carries the external host's password from the user to the run, never in the plan. */
export const PASSWORD_ENV = 'MSASPEC_PASSWORD';
