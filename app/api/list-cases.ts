import type { Level, Category } from '../../harness/model/verdict.ts';
import { DEFAULT_PORT, type PortKind } from '../../harness/model/port.ts';
import { ALL_CASES } from '../../suites/index.ts';

/** What `msaspec list` prints of a case, as data. */
export interface CaseInfo {
  /** Stable id, `<area>/<section>/<name>`: what `only`, `exclude` and waivers select by prefix. */
  id: string;
  title: string;
  /** Requirement IDs of the catalogue it checks (README "Verdicts"). */
  requirements: readonly string[];
  level: Level;
  category: Category;
  /** The RFC, section and sentence it enforces. */
  source: { rfc: string; section: string; text: string };
  /** "465", "587", or "465+587" for a case about the target as a whole. */
  ports: string[];
}

/** Every case of the catalogue, in report order. */
export function listCases(): CaseInfo[] {
  return ALL_CASES.map((c) => ({
    id: c.id,
    title: c.title,
    requirements: [...c.requirements],
    level: c.level,
    category: c.category,
    source: { ...c.source },
    ports: c.scope === 'target' ? ['465+587'] : c.ports.map((port: PortKind) => String(DEFAULT_PORT[port])),
  }));
}
