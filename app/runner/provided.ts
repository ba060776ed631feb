import type { CaseResult } from '../../harness/model/result.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import type { RunPlan } from '../provision/target-spec.ts';

/** What globalSetup hands every test worker and the reporter. */
export interface ProvidedRun {
  plan: RunPlan;
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
    msaspec: ProvidedRun;
  }
  export interface TaskMeta {
    msaspec?: CaseMeta;
  }
}
