import type { CaseContext } from '../../../harness/run/case-context.ts';
import { WireLog } from '../../../harness/smtp/wire-log.ts';

/**
 * Runs one probe per item at once, each on connections of its own within the target's connection limit
 * (the context's lease waits for slots), each logging into a transcript of its own; the case's
 * transcript then gets them one after another, in the items' order. The first error, once all are
 * done, is the case's.
 */
export async function sideBySide<T, R>(ctx: CaseContext, items: readonly T[], probe: (item: T, log: WireLog) => Promise<R>): Promise<R[]> {
  const logs = items.map(() => new WireLog().addCredentials(ctx.target.user, ctx.target.password));
  const settled = await Promise.allSettled(items.map((item, i) => probe(item, logs[i]!)));
  logs.forEach((log, i) => {
    ctx.log.event(false, `— probe ${i + 1} of ${items.length} —`);
    for (const entry of log.entries) ctx.log.add(entry.dir, entry.tls, entry.text);
  });
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}
