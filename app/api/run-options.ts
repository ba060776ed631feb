import { readFileSync } from 'node:fs';
import { BUILTIN_TARGETS, DEFAULT_TARGET, expandTargetName } from '../../targets/registry.ts';
import { GRADING_PROFILES, type GradingProfile } from '../../harness/model/verdict.ts';
import type { Waiver } from '../../harness/model/target.ts';
import { parseShardFlag } from '../cli/report-flags.ts';
import { parseEnvelope, parsePort, parsePositiveInt, parseSeed, readCaFile } from '../cli/parse-values.ts';
import { UsageError } from '../cli/usage-error.ts';
import { planRun, type RunPlan } from '../plan/run-plan.ts';
import { parseWaiverEntries, parseWaivers, WaiversFileError, type WaiverEntry } from '../plan/waivers-file.ts';
import { PASSWORD_ENV, type TargetRequest } from '../provision/target-request.ts';

/**
 * The options of a run: those of `msaspec run`, by the same names (camelCase) and with the same
 * meaning, defaults and checks (README "Usage"). The output flags (`--out`, `--format`, `--verbose`,
 * `--no-color`, `--dry-run`) are not here: `writeReports` writes what the caller asks for.
 */
export interface RunOptions {
  /** Built-in targets: `<mta>:stock`, `<mta>:hardened`, `<mta>`, `all`, `flawed` (default postfix:hardened). */
  target?: string | string[];
  /** Flaws or conformant variants of the flawed target. */
  flaw?: string[];
  /** An external host instead of built-in targets. */
  host?: string;
  /** Implicit-TLS port of `host` (default 465), or "none". */
  implicitPort?: number | 'none';
  /** STARTTLS port of `host` (default 587), or "none". */
  starttlsPort?: number | 'none';
  user?: string;
  /** Default: the MSASPEC_PASSWORD environment variable. */
  password?: string;
  /** Path of a PEM trust anchor for `host` (default: the system store). */
  ca?: string;
  /** Name the certificate must carry (default: `host`). */
  servername?: string;
  only?: string[];
  exclude?: string[];
  strict?: boolean;
  /** "i/n": part i of n of the rows. */
  shard?: string;
  profile?: GradingProfile;
  /** Milliseconds. */
  caseTimeout?: number;
  /** Milliseconds. */
  replyTimeout?: number;
  seed?: number;
  runs?: number;
  connections?: number;
  /** Seconds. */
  deadline?: number;
  mailFrom?: string;
  rcptTo?: string;
  ehloName?: string;
  cleartextTestCredentials?: boolean;
  /** A waivers file (path), or its entries: known deviations, on every target. */
  waivers?: string | WaiverEntry[];
}

type GivenAsText = 'implicitPort' | 'starttlsPort' | 'profile' | 'caseTimeout' | 'replyTimeout' | 'seed' | 'runs' | 'connections' | 'deadline';

/** The same options as the CLI's flags hand them over: numbers (and the profile) as text, checked here. */
export type RunFlagValues = Omit<RunOptions, GivenAsText> & { [K in GivenAsText]?: RunOptions[K] | string };

/** A run checked and worked out, before anything starts: what `--dry-run` prints and a run executes. */
export interface PreparedRun {
  plan: RunPlan;
  specs: TargetRequest[];
  /** The password for `host`, to hand to the run (never in the plan). */
  password?: string;
}

const text = (value: unknown): string | undefined => (value === undefined ? undefined : String(value));

function targetSpecs(options: RunFlagValues): TargetRequest[] {
  const targets = options.target === undefined ? [] : Array.isArray(options.target) ? options.target : [options.target];
  if (options.host !== undefined) {
    if (targets.length) throw new UsageError('--host and --target exclude each other');
    if (options.host.startsWith('-')) throw new UsageError(`option '--host <host>' argument missing (got the flag ${options.host})`);
    const password = options.password ?? process.env[PASSWORD_ENV];
    if (options.user && !password) throw new UsageError(`--user needs a password: --password or ${PASSWORD_ENV}`);
    if (options.cleartextTestCredentials && !options.user) throw new UsageError('--cleartext-test-credentials needs --user: the throwaway test account whose password may go in clear');
    const implicitPort = parsePort(text(options.implicitPort) ?? '465', '--implicit-port');
    const starttlsPort = parsePort(text(options.starttlsPort) ?? '587', '--starttls-port');
    return [
      {
        type: 'external',
        host: options.host,
        ...(implicitPort !== undefined ? { implicitPort } : {}),
        ...(starttlsPort !== undefined ? { starttlsPort } : {}),
        ...(options.user ? { user: options.user } : {}),
        ...(options.ca ? { ca: readCaFile(options.ca) } : {}),
        servername: options.servername ?? options.host,
      },
    ];
  }
  for (const flag of ['implicitPort', 'starttlsPort', 'user', 'password', 'ca', 'servername', 'cleartextTestCredentials'] as const) {
    if (options[flag] !== undefined) throw new UsageError(`--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --host`);
  }
  const names: string[] = [];
  for (const requested of targets.length ? targets : [DEFAULT_TARGET]) {
    const expanded = expandTargetName(requested);
    if (expanded.length === 0) throw new UsageError(`unknown target "${requested}"; built-in targets: all, all@<release>, everything, ${Object.keys(BUILTIN_TARGETS).join(', ')}`);
    for (const name of expanded) if (!names.includes(name)) names.push(name);
  }
  if (options.flaw?.length && !names.includes('flawed')) throw new UsageError('--flaw applies to --target flawed only');
  return names.map((name) => ({ type: 'builtin', name, ...(name === 'flawed' ? { flaws: options.flaw ?? [] } : {}) }));
}

/** `--profile strict|default`: how configuration findings (certificates) are graded. */
function parseProfile(value: string | undefined): GradingProfile {
  if (value === undefined) return 'default';
  if (!(GRADING_PROFILES as readonly string[]).includes(value)) throw new UsageError(`unknown profile "${value}"; profiles: ${GRADING_PROFILES.join(', ')}`);
  return value as GradingProfile;
}

/** `--waivers FILE` (or the entries themselves), checked; a file that cannot be used is one line of error. */
export function readWaivers(given: string | readonly WaiverEntry[] | undefined): Waiver[] {
  if (given === undefined) return [];
  try {
    if (typeof given !== 'string') return parseWaiverEntries(given, 'waivers');
    let content: string;
    try {
      content = readFileSync(given, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read waivers file ${given}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    return parseWaivers(content, given);
  } catch (err) {
    if (err instanceof WaiversFileError) throw new UsageError(err.message);
    throw err;
  }
}

const positive = (value: unknown, flag: string) => (value === undefined ? undefined : parsePositiveInt(String(value), flag));

/**
 * Checks the options and works out the run plan; throws a UsageError (one line) on bad input. Nothing
 * starts and no connection is made.
 */
export async function prepareRun(options: RunFlagValues): Promise<PreparedRun> {
  const profile = parseProfile(options.profile);
  const specs = targetSpecs(options);
  const envelope = parseEnvelope(options);
  if (options.flaw?.length) {
    // Loaded only when asked for: `msaspec --version` and `list` stay fast.
    const { parseFlaws } = await import('../../targets/flawed/flawed-target.ts');
    try {
      parseFlaws(options.flaw);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const waivers = readWaivers(options.waivers);
  const deadline = positive(options.deadline, '--deadline');
  const plan = planRun({
    targets: specs,
    only: options.only ?? [],
    exclude: options.exclude ?? [],
    shard: parseShardFlag(text(options.shard)),
    strict: options.strict === true,
    profile,
    caseTimeoutMs: positive(options.caseTimeout, '--case-timeout'),
    replyTimeoutMs: positive(options.replyTimeout, '--reply-timeout'),
    seed: options.seed !== undefined ? parseSeed(String(options.seed)) : undefined,
    runs: positive(options.runs, '--runs'),
    connections: positive(options.connections, '--connections'),
    deadlineMs: deadline !== undefined ? deadline * 1000 : undefined,
    envelope,
    cleartextTestCredentials: options.cleartextTestCredentials === true,
    waivers,
  });
  if (plan.caseIds.length === 0) {
    throw new UsageError(`no case matches --only ${plan.only.join(' ')}${plan.exclude.length ? ` minus --exclude ${plan.exclude.join(' ')}` : ''} (see msaspec list)`);
  }
  const password = specs.some((spec) => spec.type === 'external') ? (options.password ?? process.env[PASSWORD_ENV]) : undefined;
  return { plan, specs, ...(password !== undefined ? { password } : {}) };
}
