import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startContainerTarget } from '../container-target.ts';
import type { Provisioner } from '../../harness/targets/provisioner.ts';

/** Postfix from Debian bookworm: submission (587, STARTTLS required) and submissions (465). */
export const provisionPostfix: Provisioner = (ctx) =>
  startContainerTarget(ctx, {
    name: 'postfix',
    contextDir: join(dirname(fileURLToPath(import.meta.url)), 'image'),
    ready: /daemon started/,
    waivers: [],
  });
