import { HarnessError } from '../smtp/errors.ts';

/** How the error of every case cut short by a down endpoint begins. */
export const STOPPED_ANSWERING = 'target stopped answering';

/** Connections in a row that got no first byte before an endpoint counts as down. */
export const DOWN_AFTER_FAILURES = 3;

interface EndpointState {
  failures: number;
  last?: HarnessError;
  down?: HarnessError;
}

/**
 * Whether each endpoint (host:port) of a run still answers. A connection that was refused, or that
 * got no first byte (greeting, ServerHello) before its timeout or close, is a failure; anything the
 * server sends is an answer and resets the count. After DOWN_AFTER_FAILURES failures in a row the
 * endpoint is down: its queued cases end ERROR at once instead of each waiting out its timeouts.
 * Keyed by endpoint, not by target, so a dead 465 never cuts short the cases of a live 587.
 *
 * It lives in the vitest worker that runs the target's cases: one spec file runs in one worker, so
 * every case of a run reports to the same tracker.
 */
export class EndpointHealth {
  private readonly endpoints = new Map<string, EndpointState>();
  private readonly listeners = new Set<(endpoint: string) => void>();

  constructor(readonly downAfter = DOWN_AFTER_FAILURES) {}

  answered(endpoint: string): void {
    const state = this.endpoints.get(endpoint);
    if (state && !state.down) {
      state.failures = 0;
      delete state.last;
    }
  }

  failed(endpoint: string, error: HarnessError): void {
    const state = this.endpoints.get(endpoint) ?? { failures: 0 };
    this.endpoints.set(endpoint, state);
    if (state.down) return;
    state.failures += 1;
    state.last = error;
    if (state.failures >= this.downAfter) {
      // The code of what actually happened (refused, timed out, closed), so cases that tell a refusal
      // from a timeout judge the same way as if they had waited.
      state.down = new HarnessError(
        `${STOPPED_ANSWERING}: ${endpoint} failed ${state.failures} connections in a row (last: ${error.message})`,
        error.code,
      );
      for (const listener of this.listeners) listener(endpoint);
    }
  }

  /** The error every later connection to a down endpoint gets; undefined while it answers. */
  downError(endpoint: string): HarnessError | undefined {
    return this.endpoints.get(endpoint)?.down;
  }

  /** Calls `listener` when an endpoint goes down; returns the unsubscribe. */
  onDown(listener: (endpoint: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Endpoints marked down, with why. */
  get downEndpoints(): { endpoint: string; reason: string }[] {
    return [...this.endpoints].filter(([, s]) => s.down).map(([endpoint, s]) => ({ endpoint, reason: s.down?.message ?? '' }));
  }
}

/** Whether an error that ended a connection attempt means the server never answered it. */
export function isNoAnswer(err: unknown): err is HarnessError {
  return err instanceof HarnessError && (err.code === 'connect' || err.code === 'timeout' || err.code === 'closed');
}

export const endpointOf = (host: string, port: number): string => `${host}:${port}`;
