import type { CaseResult } from '../../harness/model/result.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import type { RunPlan } from '../plan/run-plan.ts';

/** What globalSetup hands every test worker and the reporter: the targets that started. */
export interface ProvidedRun {
  targets: ResolvedTarget[];
  errors: string[];
}

/** Where a case's identity and result travel from the worker to the reporter. */
export interface CaseMeta {
  caseId: string;
  target: string;
  port: string;
  result?: CaseResult;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run plan, as the CLI made it (app/cli/run-suite.ts provides it). */
    msaspecPlan: RunPlan;
    msaspec: ProvidedRun;
  }
  export interface TaskMeta {
    msaspec?: CaseMeta;
  }
}
