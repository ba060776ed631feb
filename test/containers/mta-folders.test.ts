import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIGURATIONS } from '../../targets/container-target.ts';
import { TARGET_FINDINGS } from '../../targets/findings.ts';
import { TEST_HOST_FINDINGS, TEST_HOSTS } from '../../targets/hosts/index.ts';
import { SUBMISSION_CONTAINERS } from '../../targets/modules/index.ts';
import { MTAS } from '../../targets/mtas.ts';
import { ALL_LINE_TARGETS, BUILTIN_TARGETS, expandTargetName, MTA_TARGETS } from '../../targets/registry.ts';
import { CURRENT_RELEASE, lineName, RELEASES, targetName } from '../../targets/releases.ts';

/**
 * Adding an MTA is one folder (targets/<mta>/: index.ts with its descriptor, <mta>.test.ts, and one
 * folder per release line, <release>/ with image/ and findings.ts) plus its entry in MTAS
 * (targets/mtas.ts); a test host is its folder (image/, findings.ts) plus its entry in
 * targets/hosts/index.ts. The registry, the findings table and the testcontainers modules hold
 * exactly the MTAs of that list, and every folder with an image is one or the other.
 */
const containers = resolve(import.meta.dirname, '../../targets');
const folders = readdirSync(containers, { withFileTypes: true }).filter((d) => d.isDirectory());
const withImage = folders
  .filter((d) => existsSync(join(containers, d.name, 'image')) || RELEASES.some((r) => existsSync(join(containers, d.name, r, 'image'))))
  .map((d) => d.name)
  .sort();
const mtas = MTAS.map((mta) => mta.name);

describe('one folder and one line per MTA', () => {
  it('every folder of targets/ with an image/ is an MTA of MTAS or a test host, never both', () => {
    expect([...mtas, ...Object.keys(TEST_HOSTS)].sort()).toEqual(withImage);
    expect(mtas.filter((name) => name in TEST_HOSTS)).toEqual([]);
    expect(new Set(mtas).size).toBe(mtas.length);
  });

  it('every MTA has a line of the current release; the registry has both configurations of each line, the current line first, then the flawed target', () => {
    for (const mta of MTAS) expect(mta.lines.map((l) => l.release), mta.name).toContain(CURRENT_RELEASE);
    const lines = [CURRENT_RELEASE, ...RELEASES.filter((r) => r !== CURRENT_RELEASE)].flatMap((release) =>
      MTAS.flatMap((mta) => (mta.lines.some((l) => l.release === release) ? CONFIGURATIONS.map((configuration) => targetName({ mta: mta.name, release, configuration })) : [])),
    );
    expect(Object.keys(BUILTIN_TARGETS)).toEqual([...lines, 'flawed']);
    expect(ALL_LINE_TARGETS).toEqual(lines);
    expect(MTA_TARGETS).toEqual(mtas.flatMap((name) => CONFIGURATIONS.map((configuration) => `${name}:${configuration}`)));
    expect(expandTargetName('all')).toEqual(MTA_TARGETS);
    expect(expandTargetName('everything')).toEqual(lines);
    expect(expandTargetName(`all@${CURRENT_RELEASE}`)).toEqual(MTA_TARGETS);
    for (const mta of MTAS) {
      for (const line of mta.lines) {
        for (const configuration of CONFIGURATIONS) {
          const name = targetName({ mta: mta.name, release: line.release, configuration });
          expect(BUILTIN_TARGETS[name]?.image?.name, name).toBe(lineName(mta.name, line.release));
        }
      }
    }
  });

  it('the findings table and the testcontainers modules hold exactly the MTAs of MTAS, each line once', () => {
    expect(Object.keys(TARGET_FINDINGS).sort()).toEqual(MTAS.flatMap((mta) => mta.lines.map((l) => lineName(mta.name, l.release))).sort());
    for (const mta of MTAS) for (const line of mta.lines) expect(TARGET_FINDINGS[lineName(mta.name, line.release)]).toBe(line.findings);
    expect(Object.keys(SUBMISSION_CONTAINERS)).toEqual(mtas);
    for (const mta of MTAS) expect(SUBMISSION_CONTAINERS[mta.name]).toBe(mta.container);
  });

  describe.each(MTAS.map((mta) => [mta.name, mta] as const))('%s', (name, mta) => {
    it('is its folder: its descriptor in index.ts, its end-to-end test, and per line <release>/image/ and <release>/findings.ts', () => {
      const folder = join(containers, name);
      for (const file of ['index.ts', `${name}.test.ts`]) expect(existsSync(join(folder, file)), `targets/${name}/${file}`).toBe(true);
      for (const line of mta.lines) {
        for (const file of ['image/Dockerfile', 'image/entrypoint.sh', 'findings.ts']) expect(existsSync(join(folder, line.release, file)), `targets/${name}/${line.release}/${file}`).toBe(true);
        expect(line.image.contextDir).toBe(join(folder, line.release, 'image'));
        expect(line.findings.mta).toBe(name);
        expect(line.findings.release).toBe(line.release);
      }
      // No image outside a line's folder.
      expect(existsSync(join(folder, 'image'))).toBe(false);
    });

    it('its testcontainers module runs its current line, and each line withRelease', () => {
      const current = mta.lines.find((l) => l.release === CURRENT_RELEASE)!;
      // The image a module starts is private to SubmissionContainer; the test reads it all the same.
      expect(new mta.container()['image']).toBe(current.image);
      for (const line of mta.lines) expect(new mta.container().withRelease(line.release)['image']).toBe(line.image);
    });
  });

  it.each(Object.entries(TEST_HOSTS))('test host %s is its folder: image/ and findings.ts', (name, spec) => {
    expect(spec.image.contextDir).toBe(join(containers, name, 'image'));
    expect(existsSync(join(containers, name, 'findings.ts'))).toBe(true);
    expect(TEST_HOST_FINDINGS[name as keyof typeof TEST_HOSTS].host).toBe(name);
  });
});
