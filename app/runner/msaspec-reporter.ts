import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import type { CaseResult } from '../../harness/model/result.ts';
import { caseById } from '../plan/case-lookup.ts';
import type { ProvidedRun } from './provided.ts';
import './provided.ts';

/**
 * Collects one CaseResult per vitest test. A test that died without a result (a harness bug) still
 * yields a row: ERROR with vitest's error message, so no case silently disappears from a report.
 */
export class MsaspecReporter implements Reporter {
  readonly results: CaseResult[] = [];
  readonly unhandled: string[] = [];
  provided: ProvidedRun | undefined;
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestCaseResult(testCase: TestCase): void {
    const meta = testCase.meta().msaspec;
    if (meta?.result) {
      this.results.push(meta.result);
      return;
    }
    const definition = meta ? caseById(meta.caseId) : undefined;
    const message = testCase.result().errors?.[0]?.message ?? `test ${testCase.result().state}`;
    this.results.push({
      caseId: meta?.caseId ?? testCase.name,
      title: definition?.title ?? testCase.name,
      requirements: definition?.requirements ?? [],
      level: definition?.level ?? 'INFO',
      category: definition?.category ?? 'conformance',
      source: definition?.source ?? { rfc: '', section: '', text: '' },
      target: meta?.target ?? (testCase.parent.type === 'suite' ? testCase.parent.name : ''),
      port: meta?.port ?? '',
      verdict: 'ERROR',
      expected: definition?.expected ?? [],
      actual: `harness could not conclude: ${message.split('\n')[0]}`,
      error: message.split('\n')[0] ?? message,
      durationMs: testCase.diagnostic()?.duration ?? 0,
      transcript: [],
    });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<{ message?: string }>): void {
    this.provided = this.vitest?.getRootProject().getProvidedContext().msaspec;
    for (const error of errors) this.unhandled.push((error.message ?? 'unknown error').split('\n')[0] ?? '');
  }
}
