import { describe, expect, it } from 'vitest';
import type { ProvisionedTarget, TargetImage } from '../../harness/model/provisioner.ts';
import { prepareAndStart, type StartJob } from '../../app/provision/prepare-targets.ts';

/** A promise with its resolve function, to hold a fake build or start until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const provisioned = (name: string): ProvisionedTarget => ({
  target: { name, kind: 'local', host: '127.0.0.1', ports: {}, servername: 'mail.example.test', waivers: [], facts: {} },
  stop: async () => undefined,
});

describe('prepareAndStart: every image first, all at once, then the targets a few at a time', () => {
  it('prepares each image once however many configurations share it, and all images at once', async () => {
    const calls: string[] = [];
    const both = gate();
    let waiting = 0;
    const image = (name: string): TargetImage => ({
      name,
      prepare: async () => {
        calls.push(name);
        // Each build waits until both have started: it would hang if the builds ran one after the other.
        if (++waiting === 2) both.open();
        await both.promise;
        return { tag: `msaspec/${name}:0`, built: name === 'postfix' };
      },
    });
    const postfix = image('postfix');
    const exim = image('exim');
    const jobs: StartJob[] = [
      { name: 'postfix:stock', image: postfix, start: async () => provisioned('postfix:stock') },
      { name: 'postfix:hardened', image: postfix, start: async () => provisioned('postfix:hardened') },
      { name: 'exim:stock', image: exim, start: async () => provisioned('exim:stock') },
    ];
    const lines: string[] = [];
    const outcomes = await prepareAndStart(jobs, { mode: 'lines', log: (l) => lines.push(l) });
    expect(calls.sort()).toEqual(['exim', 'postfix']);
    expect(outcomes.map((o) => (o.ok ? o.provisioned.target.name : o.error))).toEqual(['postfix:stock', 'postfix:hardened', 'exim:stock']);
    expect(lines.filter((l) => l.startsWith('image '))).toEqual(expect.arrayContaining([expect.stringMatching(/^image postfix: built msaspec\/postfix:0 in \d+\.\d s$/), 'image exim: reused msaspec/exim:0']));
    expect(lines.filter((l) => / started in /.test(l))).toHaveLength(3);
  });

  it('starts no target before every image is ready, and no more targets at once than asked', async () => {
    const order: string[] = [];
    const build = gate();
    let running = 0;
    let peak = 0;
    const image: TargetImage = {
      name: 'slow',
      prepare: async () => {
        order.push('build started');
        await build.promise;
        order.push('build done');
        return { tag: 'msaspec/slow:0', built: true };
      },
    };
    const start = (name: string) => async () => {
      order.push(`start ${name}`);
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return provisioned(name);
    };
    const jobs: StartJob[] = [
      { name: 'local', start: start('local') },
      ...['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: n, image, start: start(n) })),
    ];
    const run = prepareAndStart(jobs, { mode: 'lines', log: () => undefined, startConcurrency: 2 });
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['build started']);
    build.open();
    const outcomes = await run;
    expect(order.indexOf('build done')).toBeLessThan(order.indexOf('start local'));
    expect(peak).toBe(2);
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it('does not start the targets of an image that failed, and says why; the others start', async () => {
    const broken: TargetImage = { name: 'broken', prepare: async () => Promise.reject(new Error('docker build of broken failed (exit 100)\nmore')) };
    const fine: TargetImage = { name: 'fine', prepare: async () => ({ tag: 'msaspec/fine:0', built: false }) };
    let startedBroken = false;
    const outcomes = await prepareAndStart(
      [
        { name: 'broken:stock', image: broken, start: async () => ((startedBroken = true), provisioned('broken:stock')) },
        { name: 'fine:stock', image: fine, start: async () => provisioned('fine:stock') },
        { name: 'fine:hardened', image: fine, start: async () => Promise.reject(new Error('Log message "/daemon started/" not received after 90000ms')) },
      ],
      { mode: 'lines', log: () => undefined },
    );
    expect(startedBroken).toBe(false);
    expect(outcomes).toEqual([
      { ok: false, error: 'image broken failed: docker build of broken failed (exit 100)' },
      expect.objectContaining({ ok: true }),
      { ok: false, error: 'Log message "/daemon started/" not received after 90000ms' },
    ]);
  });
});
