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

/**
 * What a wait is for: a case's start, a connection a case needs beside those it holds slots for, or a
 * spare run of a property-based case (harness/run/property-check.ts), which only fills a slot nobody
 * else waits for.
 */
type WaitKind = 'admission' | 'extra' | 'spare';

interface Waiter {
  lease: Lease;
  grant: () => void;
  refuse: (reason: Error) => void;
}

/**
 * A case's hold on the target: the slot it was admitted with, plus one for every connection it keeps
 * open beyond that, and one for every spare run of a property-based case going on beside its own. The
 * admission slot is held for the whole case, so the case's clock starts only once it may connect, and
 * never waits behind cases admitted after it.
 */
export class Lease {
  /** Slots held. */
  held = 0;
  ended = false;
  /** Waits for an extra connection pending: while every holder has one, nobody can release. */
  blocked = 0;
  /** Connections open or being opened. */
  private open = 0;
  /** Spare runs going on beside the case's own (granted ones). */
  private spares = 0;
  /** The case opens no more connections (`retire`). */
  private retired = false;

  constructor(private readonly limiter: ConnectionLimiter) {}

  /** The target's connection limit. */
  get limit(): number {
    return this.limiter.limit;
  }

  /** Slots the case needs now: one at least, one per open connection, one per run going on. */
  private get needed(): number {
    return this.retired ? this.open : Math.max(1, this.open, 1 + this.spares);
  }

  /**
   * A slot for one more connection. A slot the case holds and does not use (the admission slot, or a
   * spare run's) is taken at once; otherwise it waits for one of its own.
   */
  async connection(): Promise<() => void> {
    if (this.retired) throw new SlotRefused('the case said it opens no more connections');
    this.open += 1;
    if (this.needed > this.held) {
      try {
        await this.limiter.acquire(this, 'extra');
      } catch (err) {
        this.open -= 1;
        throw err;
      }
      this.trim();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
      this.trim();
    };
  }

  /**
   * A slot for one more run of a property-based case beside its own, given only when no other wait
   * is pending (it never delays another case); `abort` gives up the wait.
   */
  async spare(abort?: AbortSignal): Promise<() => void> {
    if (this.retired) throw new SlotRefused('the case said it opens no more connections');
    // Counted once granted: a spare still waiting must not make the case's own connections wait.
    if (Math.max(this.open, 2 + this.spares) > this.held) await this.limiter.acquire(this, 'spare', abort);
    this.spares += 1;
    this.trim();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.spares -= 1;
      this.trim();
    };
  }

  /** Gives back the slots the case no longer needs (the admission slot only once retired). */
  private trim(): void {
    while (!this.ended && this.held > this.needed) this.limiter.release(this);
  }

  /**
   * The case opens no more connections: its slots go back as its open connections close, so that a
   * case that goes on without the target (reading relayed messages) does not keep others waiting.
   */
  retire(): void {
    this.retired = true;
    this.trim();
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
 * admissions, and new cases leave one slot free for them; spare runs come last. Should every admitted
 * case still wait for an extra slot (several cases that each hold three connections at once), nobody
 * could ever release, so the oldest such wait is granted past the limit (counted in `overLimit`)
 * rather than deadlock.
 */
export class ConnectionLimiter {
  private inUse = 0;
  private readonly leases = new Set<Lease>();
  private readonly queues: Record<WaitKind, Waiter[]> = { extra: [], admission: [], spare: [] };
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
      await this.acquire(lease, 'admission', abort);
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

  /** Whether a wait of this kind may take a slot now, ahead of the waits already queued. */
  private grantable(kind: WaitKind): boolean {
    const { extra, admission } = this.queues;
    if (kind === 'extra') return this.inUse < this.limit;
    if (extra.length > 0) return false;
    if (kind === 'admission') return this.inUse < this.admissionLimit;
    // A spare run may take the slot new cases leave free: it ends soon, and a wait for an extra
    // connection comes first when it does.
    return (admission.length === 0 || this.inUse >= this.admissionLimit) && this.inUse < this.limit;
  }

  acquire(lease: Lease, kind: WaitKind, abort?: AbortSignal): Promise<void> {
    if (lease.ended && kind !== 'admission') return Promise.reject(new SlotRefused('the case has ended'));
    const queue = this.queues[kind];
    if (queue.length === 0 && this.grantable(kind)) {
      this.take(lease);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const blocking = kind === 'extra';
      const settled = () => {
        abort?.removeEventListener('abort', onAbort);
        if (blocking) lease.blocked -= 1;
      };
      const waiter: Waiter = {
        lease,
        grant: () => {
          settled();
          this.take(lease);
          resolve();
        },
        refuse: (reason) => {
          settled();
          reject(reason);
        },
      };
      const onAbort = () => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        waiter.refuse(abort?.reason instanceof Error ? abort.reason : new SlotRefused('wait aborted'));
        this.pump();
      };
      if (blocking) lease.blocked += 1;
      if (abort?.aborted) {
        onAbort();
        return;
      }
      abort?.addEventListener('abort', onAbort, { once: true });
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
    for (const queue of Object.values(this.queues)) {
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
      const kind = (['extra', 'admission', 'spare'] as const).find((k) => this.queues[k].length > 0 && this.grantable(k));
      if (!kind) break;
      this.queues[kind].shift()?.grant();
    }
    // Deadlock guard: every admitted case waits for an extra slot, so none will release one.
    const holders = [...this.leases].filter((l) => l.held > 0);
    const first = this.queues.extra[0];
    if (first && holders.length > 0 && holders.every((l) => l.blocked > 0)) {
      this.queues.extra.shift();
      this.overLimit += 1;
      first.grant();
    }
  }
}
