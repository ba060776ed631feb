import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionLimiter, SlotRefused } from '../../harness/run/connection-limiter.ts';
import { plannedRows } from '../../app/plan/planned-rows.ts';
import { runCase } from '../../harness/run/run-case.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { bothServices } from '../../suites/rfc8314/3.3/both-services.ts';
import { startFlawed } from '../self-validation/flawed-target-fixture.ts';

/** Settles pending promise callbacks, so a grant that was going to happen has happened. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function track<T>(promise: Promise<T>): { done: () => boolean; promise: Promise<T> } {
  let finished = false;
  promise.then(
    () => (finished = true),
    () => (finished = true),
  );
  return { done: () => finished, promise };
}

describe('ConnectionLimiter', () => {
  it('admits up to the limit, then in arrival order as slots come back', async () => {
    const limiter = new ConnectionLimiter(2);
    const a = await limiter.admit();
    const b = await limiter.admit();
    const c = track(limiter.admit());
    const d = track(limiter.admit());
    await settle();
    expect([c.done(), d.done()]).toEqual([false, false]);
    a.end();
    await settle();
    expect([c.done(), d.done()]).toEqual([true, false]);
    b.end();
    (await c.promise).end();
    (await d.promise).end();
    expect(limiter.used).toBe(0);
    expect(limiter.peak).toBe(2);
  });

  it('counts every connection a case keeps open beside its first', async () => {
    const limiter = new ConnectionLimiter(3);
    const lease = await limiter.admit();
    const first = await lease.connection();
    const second = await lease.connection();
    const third = await lease.connection();
    expect(limiter.used).toBe(3);
    const other = track(limiter.admit());
    await settle();
    expect(other.done()).toBe(false);
    third();
    third(); // released once only
    await settle();
    // New cases leave one slot free for a second connection: two in use is full for them.
    expect(other.done()).toBe(false);
    second();
    await settle();
    expect(other.done()).toBe(true);
    first();
    lease.end();
    (await other.promise).end();
    expect(limiter.used).toBe(0);
  });

  it('serves a waiting extra connection before a new case', async () => {
    const limiter = new ConnectionLimiter(2);
    const a = await limiter.admit();
    const b = await limiter.admit();
    const newcomer = track(limiter.admit());
    await a.connection();
    const extra = track(a.connection());
    await settle();
    b.end();
    await settle();
    expect(extra.done()).toBe(true);
    expect(newcomer.done()).toBe(false);
    a.end();
    (await newcomer.promise).end();
  });

  it('goes past the limit, and says so, rather than deadlock when every case waits for another slot', async () => {
    const limiter = new ConnectionLimiter(2);
    const a = await limiter.admit();
    const b = await limiter.admit();
    await a.connection();
    await b.connection();
    const aExtra = track(a.connection());
    await settle();
    expect(aExtra.done()).toBe(false);
    const bExtra = track(b.connection());
    await settle();
    // Both hold their admission slot and wait: the oldest wait is granted over the limit.
    expect(aExtra.done()).toBe(true);
    expect(limiter.overLimit).toBe(1);
    a.end();
    await settle();
    expect(bExtra.done()).toBe(true);
    b.end();
    expect(limiter.used).toBe(0);
  });

  it('a connection uses a slot the case holds and does not use, whichever connection closed', async () => {
    const limiter = new ConnectionLimiter(3);
    const lease = await limiter.admit();
    const first = await lease.connection();
    const second = await lease.connection();
    expect(limiter.used).toBe(2);
    first();
    expect(limiter.used).toBe(1);
    // The admission slot is free again: the next connection takes it without a wait.
    const third = await lease.connection();
    expect(limiter.used).toBe(2);
    second();
    third();
    expect(limiter.used).toBe(1);
    lease.end();
    expect(limiter.used).toBe(0);
  });

  it('a spare run takes a slot only when no extra connection, and no new case that fits, waits for it', async () => {
    const limiter = new ConnectionLimiter(3);
    const a = await limiter.admit();
    const b = await limiter.admit();
    const newcomer = track(limiter.admit());
    await settle();
    // Two in use is full for new cases; the slot they leave for second connections may carry a spare run.
    const firstSpare = await a.spare();
    expect(limiter.used).toBe(3);
    await b.connection();
    const extra = track(b.connection());
    const secondSpare = track(a.spare());
    await settle();
    expect([newcomer.done(), extra.done(), secondSpare.done()]).toEqual([false, false, false]);
    firstSpare();
    await settle();
    // The slot goes to the extra connection first.
    expect([newcomer.done(), extra.done(), secondSpare.done()]).toEqual([false, true, false]);
    (await extra.promise)();
    await settle();
    expect([newcomer.done(), secondSpare.done()]).toEqual([false, true]);
    (await secondSpare.promise)();
    b.end();
    await settle();
    expect(newcomer.done()).toBe(true);
    a.end();
    (await newcomer.promise).end();
    expect(limiter.used).toBe(0);
    expect(limiter.overLimit).toBe(0);
  });

  it('a spare slot goes back when its run ends, and an aborted spare wait takes nothing', async () => {
    const limiter = new ConnectionLimiter(2);
    const a = await limiter.admit();
    const release = await a.spare();
    expect(limiter.used).toBe(2);
    // The spare slot carries the spare run's connection: no wait, no more slots.
    await a.connection();
    const second = await a.connection();
    expect(limiter.used).toBe(2);
    second();
    const abort = new AbortController();
    const waiting = a.spare(abort.signal);
    abort.abort(new Error('no run left'));
    await expect(waiting).rejects.toThrow('no run left');
    release();
    release();
    expect(limiter.used).toBe(1);
    a.end();
    expect(limiter.used).toBe(0);
  });

  it('a retired case gives its slots back as its connections close, and may not connect again', async () => {
    const limiter = new ConnectionLimiter(2);
    const a = await limiter.admit();
    const first = await a.connection();
    const newcomer = track(limiter.admit());
    const other = track(limiter.admit());
    await settle();
    expect(newcomer.done()).toBe(true);
    a.retire();
    await settle();
    // Its connection is still open: the slot stays until it closes.
    expect(other.done()).toBe(false);
    first();
    await settle();
    expect(other.done()).toBe(true);
    await expect(a.connection()).rejects.toBeInstanceOf(SlotRefused);
    a.end();
    (await newcomer.promise).end();
    (await other.promise).end();
    expect(limiter.used).toBe(0);
  });

  it('refuses a wait when it is aborted or its case ends', async () => {
    const limiter = new ConnectionLimiter(1);
    const a = await limiter.admit();
    const abort = new AbortController();
    const waiting = limiter.admit(abort.signal);
    abort.abort(new Error('run deadline reached'));
    await expect(waiting).rejects.toThrow('run deadline reached');
    a.end();
    // The refused wait took nothing: the next case gets the slot at once.
    const b = await limiter.admit();
    expect(limiter.used).toBe(1);
    b.end();
  });

  it('gives back everything a case held when it ends, and refuses its pending waits', async () => {
    const limiter = new ConnectionLimiter(2);
    const a = await limiter.admit();
    const b = await limiter.admit();
    await a.connection();
    const pending = a.connection();
    a.end();
    await expect(pending).rejects.toBeInstanceOf(SlotRefused);
    expect(limiter.used).toBe(1);
    b.end();
    expect(limiter.used).toBe(0);
  });
});

describe('the whole catalogue within a connection limit', () => {
  let flawed: ProvisionedTarget;
  beforeAll(async () => {
    flawed = await startFlawed([]);
  });
  afterAll(async () => {
    await flawed.stop();
  });

  it('never holds more connections than the limit, and every row concludes', { timeout: 60_000 }, async () => {
    const limiter = new ConnectionLimiter(3);
    const timeouts = { replyMs: 3000, quietMs: 200, caseMs: 15_000 };
    const results = await Promise.all(
      plannedRows(ALL_CASES, 'flawed').map(({ testCase, port }) => runCase(testCase, flawed.target, port, timeouts, 'default', { limiter })),
    );
    expect(limiter.peak).toBeLessThanOrEqual(3);
    expect(limiter.overLimit).toBe(0);
    expect(limiter.used).toBe(0);
    expect(results.filter((r) => r.verdict === 'ERROR').map((r) => `${r.caseId} ${r.port}: ${r.actual}`)).toEqual([]);
    expect(results.every((r) => (r.connections ?? 0) >= 1 || r.verdict === 'NA')).toBe(true);
  });

  it('counts the two connections of a case that holds both services open at once', async () => {
    const limiter = new ConnectionLimiter(2);
    const result = await runCase(bothServices, flawed.target, 'implicit', { replyMs: 3000, quietMs: 200, caseMs: 10_000 }, 'default', { limiter });
    expect(result.verdict).toBe('PASS');
    expect(result.connections).toBe(2);
    expect(limiter.peak).toBe(2);
    expect(limiter.used).toBe(0);
  });
});
