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

/**
 * Thrown by a case (or a helper it uses) when what it stands on is absent on this target, such as
 * authentication with the target's credentials: the row is NA with this message, and the finding, if
 * there is one, belongs to the case that checks that precondition (named in the message).
 */
export class PreconditionUnmet extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreconditionUnmet';
  }
}

/**
 * The harness refused to send the target's credentials over a connection whose certificate did not
 * verify. Not a harness failure: the case could not be run without exposing the credentials, so it
 * ends NA with this message (harness/run/run-case.ts), never PASS and never ERROR.
 */
export class CredentialsWithheld extends PreconditionUnmet {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsWithheld';
  }

  /** "certificate did not verify on 465 (CERT_HAS_EXPIRED): credentials are not sent over it". */
  static unverified(service: string, reason: string | undefined): CredentialsWithheld {
    return new CredentialsWithheld(`certificate did not verify on ${service} (${reason ?? 'no reason given'}): credentials are not sent over it`);
  }
}
