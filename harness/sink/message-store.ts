import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes each message to `<dir>/<Date.now()>-<n>.eml`, first under a hidden temporary name in the
 * same folder and then renamed, so a reader never sees half a file.
 */
export class MessageStore {
  private count = 0;

  constructor(readonly dir: string) {}

  /** Resolves with the file name once the complete file is in place. */
  async save(data: Buffer): Promise<string> {
    this.count += 1;
    const name = `${Date.now()}-${this.count}.eml`;
    const temp = join(this.dir, `.${name}.tmp`);
    try {
      await writeFile(temp, data, { flag: 'wx', mode: 0o644 });
      await rename(temp, join(this.dir, name));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return name;
  }
}
