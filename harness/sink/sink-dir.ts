import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh, private temp folder for the messages one target relays (ResolvedTarget.sinkDir). */
export function createSinkDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `msaspec-sink-${label}-`));
}

export async function removeSinkDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
