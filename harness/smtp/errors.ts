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

/** A socket or TLS error as the harness reports it: a reset is a close, a refusal a connect error. */
export function describeSocketError(err: NodeJS.ErrnoException, what: string): HarnessError {
  if (err instanceof HarnessError) return err;
  const code = err.code ?? '';
  if (code === 'ECONNRESET' || code === 'EPIPE') return new HarnessError(`connection reset by server during ${what}`, 'closed');
  if (code === 'ECONNREFUSED') return new HarnessError(`${what}: connection refused`, 'connect');
  if (['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return new HarnessError(`${what}: ${code}`, 'connect');
  const tlsish = code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /certificate|ssl|tls|alert|wrong version/i.test(err.message);
  return new HarnessError(`${what} failed: ${err.message.split('\n')[0]}`, tlsish ? 'tls' : 'connect');
}
