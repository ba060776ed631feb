import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Report } from './report-model.ts';

// A CommonJS module whose default export TypeScript sees one level too deep under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: object) => void;

/** An input that is not a report.json of this schema version: `message` names the first wrong field. */
export class ReportValidationError extends Error {
  override name = 'ReportValidationError';
  constructor(
    message: string,
    /** Every way the input breaks the schema, one per line: "<JSON pointer> <what is wrong>". */
    readonly problems: string[],
  ) {
    super(message);
  }
}

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    // The schema sits beside this module, in the sources as in the compiled package.
    const schema = JSON.parse(readFileSync(new URL('./schema/report.schema.json', import.meta.url), 'utf8')) as object;
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** One schema error as a reader can act on it: where (a JSON pointer), what is wrong, what is allowed. */
function describe(error: ErrorObject): string {
  const where = error.instancePath || '(top level)';
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${where}: member "${String(params.missingProperty)}" is missing`;
  if (error.keyword === 'additionalProperties') return `${where}: member "${String(params.additionalProperty)}" is not allowed`;
  if (error.keyword === 'enum') return `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'const') return `${where}: must be ${JSON.stringify(params.allowedValue)}`;
  return `${where}: ${error.message ?? error.keyword}`;
}

/**
 * Checks `value` against reports/schema/report.schema.json (`msaspec merge` and `msaspec results`
 * check their inputs with it) and returns it as a Report; throws a ReportValidationError whose one-line
 * message names `label` and the first wrong field.
 */
export function validateReport(value: unknown, label = 'report'): Report {
  const validate = compiled();
  if (validate(value)) return value as unknown as Report;
  // A schema version other than this one is said as such, not as a list of fields that moved.
  const version = typeof value === 'object' && value !== null ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
  const problems = (validate.errors ?? []).map(describe);
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  if (version !== undefined && version !== 1) throw new ReportValidationError(`${label}: schemaVersion ${JSON.stringify(version)} is not 1, the version this msaspec reads`, problems);
  throw new ReportValidationError(`${label} is not a valid msaspec report: ${problems[0] ?? 'unknown problem'}${more}`, problems);
}
