/**
 * Connections one run keeps open to one target at once (both services together). Real servers cap
 * what one client may hold (Postfix anvil's smtpd_client_connection_count_limit, 50 by default;
 * Exim's smtp_accept_max, 20 in all, and smtp_accept_max_per_host; Courier's MAXPERIP): a run that
 * opens more sees 421s it caused itself, which would turn into false ERRORs. Six is what the run
 * held before the limit was per target (six cases at once); `--connections` changes it.
 */
export const DEFAULT_CONNECTIONS_PER_TARGET = 6;

/** Why a wait for a connection slot ended without one. */
export class SlotRefused extends Error {}

interface Waiter {
  lease: Lease;
  grant: () => void;
  refuse: (reason: Error) => void;
}

/**
 * A case's hold on the target: the slot it was admitted with, plus one more for every connection it
 * keeps open beside its first. The admission slot is held for the whole case, so the case's clock
 * starts only once it may connect, and never waits behind cases admitted after it.
 */
export class Lease {
  /** Slots held: the admission slot and one per extra connection open. */
  held = 0;
  ended = false;
  waiting = false;

  constructor(private readonly limiter: ConnectionLimiter) {}

  /**
   * A slot for one more connection while `open` of the case's connections are open. The first
   * connection uses the admission slot; each further one waits for a slot of its own.
   */
  async connection(open: number): Promise<() => void> {
    if (open === 0) return () => undefined;
    await this.limiter.acquire(this, true);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.limiter.release(this);
    };
  }

  /** Gives back every slot; a wait still pending is refused. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.limiter.endLease(this);
  }
}

/**
 * A counting semaphore per target, in the worker that runs the target's cases (one spec file runs in
 * one vitest worker, so every case of a run shares it). Waits for an extra connection go before new
 * admissions, and new cases leave one slot free for them. Should every admitted case still wait for
 * an extra slot (several cases that each hold three connections at once), nobody could ever release,
 * so the oldest such wait is granted past the limit (counted in `overLimit`) rather than deadlock.
 */
export class ConnectionLimiter {
  private inUse = 0;
  private readonly leases = new Set<Lease>();
  private readonly extraWaiters: Waiter[] = [];
  private readonly admissionWaiters: Waiter[] = [];
  /** Most slots in use at once, and how often the deadlock guard went past the limit. */
  peak = 0;
  overLimit = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`connection limit must be a positive integer, got ${limit}`);
  }

  get used(): number {
    return this.inUse;
  }

  /** Resolves with a lease holding one slot once the case may start; `abort` refuses the wait. */
  async admit(abort?: AbortSignal): Promise<Lease> {
    const lease = new Lease(this);
    this.leases.add(lease);
    try {
      await this.acquire(lease, false, abort);
    } catch (err) {
      this.leases.delete(lease);
      lease.ended = true;
      throw err;
    }
    return lease;
  }

  /**
   * New cases may fill the limit but one slot, which stays for a case that needs a second connection
   * at once: so such cases finish and free their slots instead of all waiting on each other.
   */
  private get admissionLimit(): number {
    return this.limit > 2 ? this.limit - 1 : this.limit;
  }

  acquire(lease: Lease, extra: boolean, abort?: AbortSignal): Promise<void> {
    if (lease.ended && extra) return Promise.reject(new SlotRefused('the case has ended'));
    const queue = extra ? this.extraWaiters : this.admissionWaiters;
    const room = this.inUse < (extra ? this.limit : this.admissionLimit);
    if (room && this.extraWaiters.length === 0 && (extra || this.admissionWaiters.length === 0)) {
      this.take(lease);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        lease,
        grant: () => {
          abort?.removeEventListener('abort', onAbort);
          lease.waiting = false;
          this.take(lease);
          resolve();
        },
        refuse: (reason) => {
          abort?.removeEventListener('abort', onAbort);
          lease.waiting = false;
          reject(reason);
        },
      };
      const onAbort = () => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        waiter.refuse(abort?.reason instanceof Error ? abort.reason : new SlotRefused('wait aborted'));
        this.pump();
      };
      if (abort?.aborted) {
        onAbort();
        return;
      }
      abort?.addEventListener('abort', onAbort, { once: true });
      lease.waiting = true;
      queue.push(waiter);
      this.pump();
    });
  }

  release(lease: Lease): void {
    if (lease.held === 0) return;
    lease.held -= 1;
    this.inUse -= 1;
    this.pump();
  }

  endLease(lease: Lease): void {
    for (const queue of [this.extraWaiters, this.admissionWaiters]) {
      for (let i = queue.length - 1; i >= 0; i--) {
        const waiter = queue[i];
        if (waiter?.lease === lease) {
          queue.splice(i, 1);
          waiter.refuse(new SlotRefused('the case has ended'));
        }
      }
    }
    this.inUse -= lease.held;
    lease.held = 0;
    this.leases.delete(lease);
    this.pump();
  }

  private take(lease: Lease): void {
    lease.held += 1;
    this.inUse += 1;
    this.peak = Math.max(this.peak, this.inUse);
  }

  private pump(): void {
    for (;;) {
      const extra = this.extraWaiters[0];
      if (extra && this.inUse < this.limit) {
        this.extraWaiters.shift();
        extra.grant();
        continue;
      }
      if (!extra && this.admissionWaiters.length > 0 && this.inUse < this.admissionLimit) {
        this.admissionWaiters.shift()?.grant();
        continue;
      }
      break;
    }
    // Deadlock guard: every admitted case waits for an extra slot, so none will release one.
    const holders = [...this.leases].filter((l) => l.held > 0);
    const first = this.extraWaiters[0];
    if (first && holders.length > 0 && holders.every((l) => l.waiting)) {
      this.extraWaiters.shift();
      this.overLimit += 1;
      first.grant();
    }
  }
}
