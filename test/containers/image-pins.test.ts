import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../../targets/engine/docker-cli.ts';
import { parseAptInstall, parseVersionsFile, targetDockerfiles, type PackagePin } from '../../targets/images/package-pins.ts';
import { TEST_HOSTS, TestHostContainer } from '../../targets/hosts/index.ts';
import { imagesOf, TESTED_TARGETS } from '../../targets/registry.ts';
import type { TargetImage } from '../../harness/model/provisioner.ts';

/**
 * Every built target image holds exactly the Debian versions its Dockerfile pins, and records them so
 * in /etc/msaspec/versions (what reports show as targets[].facts.packages). No container is started
 * as a target: each image only runs `cat` and `dpkg-query`. Images are built first unless up to date.
 */
const root = resolve(import.meta.dirname, '../..');
const images = new Map<string, TargetImage>();
// The images the tests start (CI builds these); package-pins.test.ts reads every line's Dockerfile.
for (const image of imagesOf(TESTED_TARGETS)) images.set(image.name, image);
// The real servers tested as external hosts (test/hosts/real-hosts.test.ts) are pinned the same way.
for (const spec of Object.values(TEST_HOSTS)) images.set(spec.image.name, { name: spec.image.name, prepare: (log) => new TestHostContainer(spec).withLogger(log).prepare() });

/** chasquid is a Go program: its TLS is Go's crypto/tls, compiled into the chasquid package. */
const BUILT_IN_TLS: Record<string, string> = { chasquid: 'chasquid' };

const dockerfiles = new Map(targetDockerfiles(root).map((t) => [t.name, t.dockerfile]));

const seen = new Map<string, { pins: PackagePin[]; recorded: Map<string, string>; installed: Map<string, string> }>();

beforeAll(async () => {
  await Promise.all(
    [...images.values()].map(async (image) => {
      const pins = parseAptInstall(readFileSync(dockerfiles.get(image.name)!, 'utf8')).pins;
      const { tag } = await image.prepare(() => undefined);
      const script = 'cat /etc/msaspec/versions; echo "--- dpkg"; dpkg-query -W -f=\'${Package}\\t${Version}\\n\' "$@" || true';
      const r = await docker(['run', '--rm', '--network', 'none', '--entrypoint', 'sh', tag, '-c', script, 'sh', ...pins.map((p) => p.name)], { timeoutMs: 60_000 });
      if (!r.ok) throw new Error(`${tag}: ${r.stderr.trim() || r.stdout.trim()}`);
      const [recorded = '', installed = ''] = r.stdout.split('--- dpkg\n');
      seen.set(image.name, { pins, recorded: parseVersionsFile(recorded), installed: parseVersionsFile(installed) });
    }),
  );
}, 20 * 60_000);

describe.each([...images.keys()])('image %s', (name) => {
  it('has every pinned Debian package installed at its pin', () => {
    const { pins, installed } = seen.get(name)!;
    expect(pins.length).toBeGreaterThan(0);
    expect(Object.fromEntries(pins.map((p) => [p.name, installed.get(p.name)]))).toEqual(Object.fromEntries(pins.map((p) => [p.name, p.version])));
  });

  it('records the pinned versions in /etc/msaspec/versions, the TLS library among them', () => {
    const { pins, recorded } = seen.get(name)!;
    const pinned = new Map(pins.map((p) => [p.name, p.version]));
    const overlap = [...recorded].filter(([pkg]) => pinned.has(pkg));
    expect(overlap.length).toBeGreaterThanOrEqual(Math.min(pins.length, 3));
    for (const [pkg, version] of overlap) expect(version, pkg).toBe(pinned.get(pkg));
    const tls = pins.map((p) => p.name).filter((pkg) => pkg === 'libssl3' || pkg === 'libssl3t64' || pkg === 'libgnutls30' || pkg === 'libgnutls30t64' || pkg === BUILT_IN_TLS[name]);
    expect(tls.length).toBeGreaterThan(0);
    for (const pkg of tls) expect(recorded.get(pkg), pkg).toBe(pinned.get(pkg));
  });
});
