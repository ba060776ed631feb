import type { CaseContext } from '../../../harness/run/case-context.ts';
import { WireLog } from '../../../harness/smtp/wire-log.ts';

/**
 * Runs one probe per item, side by side within the target's connection limit: the case's own slot
 * takes the items one after another, and each spare slot the limit grants (ctx.spareRun, given only
 * when no other case waits) takes one more at once, as a property-based case's runs do. Each probe logs
 * into a transcript of its own; the case's transcript then gets them one after another, in the items'
 * order. The first error, once all are done, is the case's.
 */
export async function sideBySide<T, R>(ctx: CaseContext, items: readonly T[], probe: (item: T, log: WireLog) => Promise<R>): Promise<R[]> {
  const logs = items.map(() => new WireLog().addCredentials(ctx.target.user, ctx.target.password));
  const settled: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const make = async (i: number): Promise<void> => {
    try {
      settled[i] = { status: 'fulfilled', value: await probe(items[i]!, logs[i]!) };
    } catch (reason) {
      settled[i] = { status: 'rejected', reason };
    }
  };
  const done = new AbortController();
  const own = (async () => {
    for (let i = next++; i < items.length; i = next++) await make(i);
  })();
  // Spare slots, one item each, while items are left.
  const spares: Promise<void>[] = [];
  const spareLoop = (async () => {
    for (let k = 1; k < ctx.parallelRuns && next < items.length; k += 1) {
      let release: () => void;
      try {
        release = await ctx.spareRun(done.signal);
      } catch {
        return;
      }
      const i = next < items.length ? next++ : undefined;
      if (i === undefined) {
        release();
        return;
      }
      spares.push(make(i).finally(release));
    }
  })();
  await own;
  done.abort();
  await spareLoop;
  await Promise.all(spares);
  logs.forEach((log, i) => {
    ctx.log.event(false, `— probe ${i + 1} of ${items.length} —`);
    for (const entry of log.entries) ctx.log.add(entry.dir, entry.tls, entry.text);
  });
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}
