import type { CaseContext } from '../run/case-context.ts';
import { HarnessError } from '../smtp/errors.ts';
import type { HelloSpec } from './client-hello.ts';
import { withHandshakeSocket } from './handshake-socket.ts';
import { nodeHandshake } from './node-handshake.ts';
import { describeOffer, describeProbe, probe, type ProbeResult } from './probe.ts';

/** A probe that ended in a ServerHello or a refusal: timeouts and garbage are the harness's ERROR, never a verdict. */
export type ConclusiveProbe = Exclude<ProbeResult, { outcome: 'timeout' } | { outcome: 'malformed' }>;

/**
 * One raw ClientHello against the case's port, logged in the case's transcript. SNI carries the
 * target's server name, as a real client sends it.
 */
export async function probeServer(ctx: CaseContext, spec: HelloSpec): Promise<ConclusiveProbe> {
  const offer: HelloSpec = { serverName: ctx.target.servername, ...spec };
  return withHandshakeSocket(ctx, async (socket) => {
    ctx.log.event(false, `probe: ${describeOffer(offer)}`);
    const result = await probe(socket, offer, { timeoutMs: ctx.timeouts.replyMs, maxBytes: 64 * 1024 });
    ctx.log.event(false, `probe: ${describeProbe(result)}`);
    if (result.outcome === 'timeout') throw new HarnessError(`TLS probe: ${describeProbe(result)} after ${ctx.timeouts.replyMs} ms`, 'timeout');
    if (result.outcome === 'malformed') throw new HarnessError(`TLS probe: ${describeProbe(result)}`, 'malformed');
    return result;
  }).then(async (result) => {
    if (result.outcome === 'smtp-refusal') await handshakeControl(ctx, describeProbe(result));
    return result;
  });
}

/** Per case (a case probes its own port): does an ordinary client's handshake (Node's defaults) complete? */
const controls = new WeakMap<CaseContext, Promise<string | undefined>>();

/**
 * A refusal in clear (chasquid's "554 5.5.0 Error in TLS handshake") refuses what was offered only if
 * the server does TLS at all: one that reads every ClientHello as an SMTP command ("500 command not
 * recognized") refuses nothing in particular, and the case cannot conclude. The control is a full
 * handshake with what an ordinary client offers, made once per case.
 */
async function handshakeControl(ctx: CaseContext, refusal: string): Promise<void> {
  let control = controls.get(ctx);
  if (!control) {
    control = nodeHandshake(ctx).then((h) => (h.ok ? undefined : h.reason));
    controls.set(ctx, control);
  }
  const failed = await control;
  if (failed !== undefined) throw new HarnessError(`TLS probe ${refusal}, but an ordinary client's handshake fails too (${failed}), so the refusal says nothing about what was offered`, 'malformed');
}

/**
 * Several probes of one case, one connection at a time: a case holds one connection slot, and the
 * concurrency comes from the cases the run runs side by side within the per-target connection limit.
 */
export async function probeAll<K extends string>(ctx: CaseContext, specs: Record<K, HelloSpec>): Promise<Record<K, ConclusiveProbe>> {
  const results = {} as Record<K, ConclusiveProbe>;
  for (const key of Object.keys(specs) as K[]) results[key] = await probeServer(ctx, specs[key]);
  return results;
}
