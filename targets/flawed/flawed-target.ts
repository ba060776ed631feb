import { createSinkDir, removeSinkDir } from '../../harness/sink/sink-dir.ts';
import { BUILTIN_SERVERNAME, BUILTIN_USER, type Provisioner } from '../../harness/model/provisioner.ts';
import { fixtureCertificates } from './fixture-certificates.ts';
import { FlawedServer } from './flawed-server.ts';
import { FLAWS, type Flaw } from './flaws.ts';
import { isVariant, VARIANTS, type Variant } from './variants.ts';

export class UnknownFlawError extends Error {}

/** The flaws (deviations) and conformant variants named, in one list. */
export function parseFlaws(names: readonly string[]): Flaw[] {
  return parseSwitches(names).flaws;
}

export function parseSwitches(names: readonly string[]): { flaws: Flaw[]; variants: Variant[] } {
  const flaws: Flaw[] = [];
  const variants: Variant[] = [];
  for (const name of names) {
    if (isVariant(name)) variants.push(name);
    else if ((FLAWS as readonly string[]).includes(name)) flaws.push(name as Flaw);
    else throw new UnknownFlawError(`unknown flaw "${name}"; known flaws: ${FLAWS.join(', ')}; conformant variants: ${VARIANTS.join(', ')}`);
  }
  return { flaws, variants };
}

/**
 * The deliberately flawed target runs in the harness's own process on loopback: it is the project's
 * own code, not a Debian MTA, and it starts in milliseconds, so every case can be proven against it.
 */
export const provisionFlawed: Provisioner = async (ctx, flawNames) => {
  const { flaws, variants } = parseSwitches(flawNames);
  const certificates = await fixtureCertificates(ctx.ca, BUILTIN_SERVERNAME, new Set(flaws), new Set(variants));
  // The server writes each accepted message, with its Received header, to this folder.
  const sinkDir = await createSinkDir('flawed');
  const server = await FlawedServer.start({ ...certificates.starttls, implicitCertificate: certificates.implicit, user: BUILTIN_USER, password: ctx.password, flaws, variants, sinkDir }).catch(async (error: unknown) => {
    await removeSinkDir(sinkDir);
    throw error;
  });
  return {
    target: {
      name: flawNames.length ? `flawed(${flawNames.join(',')})` : 'flawed',
      kind: 'local',
      host: '127.0.0.1',
      ports: server.ports,
      servername: BUILTIN_SERVERNAME,
      ca: certificates.anchor ?? ctx.ca.pem,
      user: BUILTIN_USER,
      password: ctx.password,
      waivers: [],
      facts: { implementation: 'msaspec flawed target (in-process)', flaws: flaws.join(',') || 'none', ...(variants.length ? { variants: variants.join(',') } : {}) },
      sinkDir,
    },
    stop: async () => {
      await server.stop();
      await removeSinkDir(sinkDir);
    },
  };
};
