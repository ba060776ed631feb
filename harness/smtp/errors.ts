/** Why the harness could not conclude; a case that throws one of these ends as ERROR, never PASS. */
export class HarnessError extends Error {
  constructor(
    message: string,
    readonly code: 'timeout' | 'closed' | 'malformed' | 'overflow' | 'connect' | 'tls',
  ) {
    super(message);
    this.name = 'HarnessError';
  }
}

export const timeoutError = (what: string, ms: number) => new HarnessError(`timed out after ${ms} ms waiting for ${what}`, 'timeout');
export const closedError = (what: string) => new HarnessError(`connection closed by server while waiting for ${what}`, 'closed');
