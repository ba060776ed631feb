// `npm run images`: prepares the images the project's tests start (every MTA of the current release
// line, Postfix on its other lines, every test host of targets/hosts/) at once (built, or reused under
// its content hash), the first phase of `msaspec run --target all` on its own: CI runs it before the
// tests, so the test files that start them in parallel reuse them. `-- --all`: every line of every MTA.
import { prepareContainerImage } from '../targets/container-target.ts';
import { TEST_HOSTS } from '../targets/hosts/index.ts';
import { BUILTIN_TARGETS, imagesOf, TESTED_TARGETS } from '../targets/registry.ts';
import { prepareImages } from '../app/provision/prepare-targets.ts';
import type { TargetImage } from '../harness/model/provisioner.ts';

const images = new Map<string, TargetImage>();
for (const image of imagesOf(process.argv.includes('--all') ? Object.keys(BUILTIN_TARGETS) : TESTED_TARGETS)) images.set(image.name, image);
for (const host of Object.values(TEST_HOSTS)) images.set(host.image.name, { name: host.image.name, prepare: (log) => prepareContainerImage(host.image, log) });
const t0 = Date.now();
const terminal = process.stderr.isTTY && (process.stderr.columns ?? 0) >= 40;
const errors = await prepareImages([...images.values()], { mode: terminal ? 'tty' : 'lines', log: (line) => process.stderr.write(`msaspec: ${line}\n`) });
const took = `${((Date.now() - t0) / 1000).toFixed(1)} s`;
for (const [name, error] of errors) process.stderr.write(`msaspec: image ${name} failed: ${error}\n`);
process.stderr.write(`msaspec: ${images.size - errors.size} of ${images.size} images ready in ${took}\n`);
process.exit(errors.size === 0 ? 0 : 1);
