// Validators of the writers' output against their schemas: report.json (our JSON Schema, ajv),
// SARIF (the SARIF 2.1.0 schema shipped in an npm package, ajv draft-04) and JUnit XML (our XSD,
// xmllint from Debian's libxml2-utils). Not a test file itself.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '../..');
export const REPORT_SCHEMA_FILE = join(ROOT, 'reports/schema/report.schema.json');
export const JUNIT_XSD_FILE = join(ROOT, 'reports/schema/junit.xsd');
/** The last release candidate of SARIF 2.1.0 (rtm.5), as @microsoft/jest-sarif ships it. */
export const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// CommonJS modules whose default export TypeScript sees one level too deep under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: object) => void;
const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;

function explain(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}

let reportValidator: ValidateFunction | undefined;
let sarifValidator: ValidateFunction | undefined;

/** Every way `value` breaks reports/schema/report.schema.json; empty when it is valid. */
export function reportSchemaErrors(value: unknown): string[] {
  if (!reportValidator) {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
    addFormats(ajv);
    reportValidator = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8')) as object);
  }
  return reportValidator(value) ? [] : explain(reportValidator.errors);
}

export function sarifSchemaErrors(value: unknown): string[] {
  if (!sarifValidator) {
    // The SARIF schema is draft-04 and not written for ajv's strict mode; one of its own patterns
    // (language tags) is not valid in Unicode mode, hence unicodeRegExp: false.
    const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    sarifValidator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object);
  }
  return sarifValidator(value) ? [] : explain(sarifValidator.errors);
}

export function hasXmllint(): boolean {
  return spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** `xmllint --schema`: undefined when the file is valid, else xmllint's own words. */
export function xsdErrors(xmlFile: string, xsdFile = JUNIT_XSD_FILE): string | undefined {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsdFile, xmlFile], { encoding: 'utf8' });
  return run.status === 0 ? undefined : `${run.stderr || run.error?.message || `exit ${run.status}`}`.trim();
}

/**
 * Validates every report file present in `dir` against its schema and returns the problems, one per
 * file ("report.json: ..."). JUnit is checked only where xmllint is installed (.ci/run installs it).
 */
export function outputSchemaErrors(dir: string): string[] {
  const problems: string[] = [];
  const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  if (existsSync(join(dir, 'report.json'))) problems.push(...reportSchemaErrors(read('report.json')).map((e) => `report.json: ${e}`));
  if (existsSync(join(dir, 'report.sarif'))) problems.push(...sarifSchemaErrors(read('report.sarif')).map((e) => `report.sarif: ${e}`));
  if (existsSync(join(dir, 'junit.xml')) && hasXmllint()) {
    const junit = xsdErrors(join(dir, 'junit.xml'));
    if (junit) problems.push(`junit.xml: ${junit}`);
  }
  return problems;
}
