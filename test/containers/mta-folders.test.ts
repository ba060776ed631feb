import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIGURATIONS } from '../../targets/container-target.ts';
import { TARGET_FINDINGS } from '../../targets/findings.ts';
import { TEST_HOST_FINDINGS, TEST_HOSTS } from '../../targets/hosts/index.ts';
import { SUBMISSION_CONTAINERS } from '../../targets/modules/index.ts';
import { MTAS } from '../../targets/mtas.ts';
import { BUILTIN_TARGETS, MTA_TARGETS } from '../../targets/registry.ts';

/**
 * Adding an MTA is one folder (targets/<mta>/: image/, findings.ts, index.ts with its descriptor,
 * <mta>.test.ts) plus its entry in MTAS (targets/mtas.ts); a test host is its folder plus its entry
 * in targets/hosts/index.ts. The registry, the findings table and the testcontainers modules hold
 * exactly the MTAs of that list, and every folder with an image is one or the other.
 */
const containers = resolve(import.meta.dirname, '../../targets');
const withImage = readdirSync(containers, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(containers, d.name, 'image')))
  .map((d) => d.name)
  .sort();
const mtas = MTAS.map((mta) => mta.name);

describe('one folder and one line per MTA', () => {
  it('every folder of targets/ with an image/ is an MTA of MTAS or a test host, never both', () => {
    expect([...mtas, ...Object.keys(TEST_HOSTS)].sort()).toEqual(withImage);
    expect(mtas.filter((name) => name in TEST_HOSTS)).toEqual([]);
    expect(new Set(mtas).size).toBe(mtas.length);
  });

  it('the registry has both configurations of each MTA, in the order of MTAS, then the flawed target', () => {
    expect(Object.keys(BUILTIN_TARGETS)).toEqual([...mtas.flatMap((name) => CONFIGURATIONS.map((configuration) => `${name}:${configuration}`)), 'flawed']);
    expect(MTA_TARGETS).toEqual(Object.keys(BUILTIN_TARGETS).filter((name) => name !== 'flawed'));
    for (const mta of MTAS) {
      for (const configuration of CONFIGURATIONS) expect(BUILTIN_TARGETS[`${mta.name}:${configuration}`]?.image?.name, `${mta.name}:${configuration}`).toBe(mta.name);
    }
  });

  it('the findings table and the testcontainers modules hold exactly the MTAs of MTAS', () => {
    expect(Object.keys(TARGET_FINDINGS)).toEqual(mtas);
    for (const mta of MTAS) expect(TARGET_FINDINGS[mta.name]).toBe(mta.findings);
    expect(Object.keys(SUBMISSION_CONTAINERS)).toEqual(mtas);
    for (const mta of MTAS) expect(SUBMISSION_CONTAINERS[mta.name]).toBe(mta.container);
  });

  describe.each(MTAS.map((mta) => [mta.name, mta] as const))('%s', (name, mta) => {
    it('is its folder: image/, findings.ts, its descriptor in index.ts, its end-to-end test', () => {
      const folder = join(containers, name);
      for (const file of ['image/Dockerfile', 'image/entrypoint.sh', 'findings.ts', 'index.ts', `${name}.test.ts`]) expect(existsSync(join(folder, file)), `targets/${name}/${file}`).toBe(true);
      expect(mta.image.contextDir).toBe(join(folder, 'image'));
      expect(mta.findings.mta).toBe(name);
      expect(mta.title).toBe(mta.findings.title);
    });

    it('its testcontainers module runs its image', () => {
      const module = new mta.container();
      // The image a module starts is private to SubmissionContainer; the test reads it all the same.
      expect(module['image']).toBe(mta.image);
    });
  });

  it.each(Object.entries(TEST_HOSTS))('test host %s is its folder: image/ and findings.ts', (name, spec) => {
    expect(spec.image.contextDir).toBe(join(containers, name, 'image'));
    expect(existsSync(join(containers, name, 'findings.ts'))).toBe(true);
    expect(TEST_HOST_FINDINGS[name as keyof typeof TEST_HOSTS].host).toBe(name);
  });
});
