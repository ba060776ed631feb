import type { Waiver } from '../../harness/model/target.ts';
import { ALL_CASES } from '../../suites/index.ts';

/**
 * One entry of a waivers file (`--waivers FILE`, README "Waivers"): a known deviation of the server
 * under test, waived with a reason, on one port or both, until a date or for good.
 */
export interface WaiverEntry {
  /** A case id, a case id prefix ("injection/"), or a requirement ID ("R3207-4a"). */
  case: string;
  /** "465" or "587": only on that service; absent: on both. */
  port?: '465' | '587';
  reason: string;
  /** YYYY-MM-DD: the last day the waiver holds; from the day after, the run refuses it. */
  expires?: string;
}

/** A waivers file that cannot be used, said in one line (the CLI prints it and exits 3). */
export class WaiversFileError extends Error {
  override name = 'WaiversFileError';
}

const KEYS = new Set(['case', 'port', 'reason', 'expires']);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** Does `pattern` select at least one case of the catalogue, as findWaiver matches (id prefix or requirement ID)? */
function matchesSomeCase(pattern: string): boolean {
  return ALL_CASES.some((c) => c.id.startsWith(pattern) || c.requirements.includes(pattern));
}

/**
 * The waivers of a file's JSON text: `[{ "case", "port"?, "reason", "expires"? }]`. Each entry is
 * checked here, so that a typo never silently waives nothing: a wrong or unknown member, a port other
 * than 465 or 587, a case pattern that selects no case, an empty reason, a date that is not a day, and
 * a waiver whose `expires` day is past (`today`, YYYY-MM-DD, UTC) are errors that name the entry.
 */
export function parseWaivers(text: string, file: string, today: string = new Date().toISOString().slice(0, 10)): Waiver[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new WaiversFileError(`${file}: not JSON (${(err as Error).message.split('\n')[0]})`);
  }
  return parseWaiverEntries(value, file, today);
}

/** The same, for entries already read (the API's `waivers` option given as an array). */
export function parseWaiverEntries(value: unknown, file: string, today: string = new Date().toISOString().slice(0, 10)): Waiver[] {
  if (!Array.isArray(value)) throw new WaiversFileError(`${file}: a waivers file is a JSON array of { "case", "port"?, "reason", "expires"? }`);
  return value.map((entry: unknown, index): Waiver => {
    const at = `${file}: waiver ${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new WaiversFileError(`${at}: not an object`);
    const record = entry as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !KEYS.has(key));
    if (unknown.length) throw new WaiversFileError(`${at}: unknown member "${unknown[0]}" (members: case, port, reason, expires)`);
    const { case: pattern, port, reason, expires } = record;
    if (typeof pattern !== 'string' || pattern.trim() === '') throw new WaiversFileError(`${at}: "case" must be a case id, an id prefix or a requirement ID`);
    const named = `${at} ("${pattern.slice(0, 80)}")`;
    if (!matchesSomeCase(pattern)) throw new WaiversFileError(`${named}: "case" matches no case id or requirement ID (see msaspec list)`);
    if (typeof reason !== 'string' || reason.trim() === '') throw new WaiversFileError(`${named}: "reason" must say why, in a non-empty string`);
    if (port !== undefined && port !== '465' && port !== '587' && port !== 465 && port !== 587) throw new WaiversFileError(`${named}: "port" must be "465" or "587" (absent: both)`);
    if (expires !== undefined && (typeof expires !== 'string' || !isRealDate(expires))) throw new WaiversFileError(`${named}: "expires" must be a day, YYYY-MM-DD`);
    if (typeof expires === 'string' && expires < today) throw new WaiversFileError(`${named}: expired: it held until ${expires}; renew it with a new date, or remove it`);
    return {
      pattern,
      reason: reason.trim(),
      ...(port !== undefined ? { port: String(port) === '465' ? ('implicit' as const) : ('starttls' as const) } : {}),
      ...(typeof expires === 'string' ? { expires } : {}),
      file,
    };
  });
}
