import { availableParallelism } from 'node:os';
import { Listr, ListrLogger, PRESET_TIMER, ProcessOutput, type ListrTask } from 'listr2';
import type { ProvisionedTarget, TargetImage } from '../../harness/model/provisioner.ts';

/** How the run shows images being built and targets being started: a live task list on a terminal, plain lines otherwise. */
export type ProgressMode = 'tty' | 'lines';

export interface StartJob {
  /** The target's name in the plan, e.g. "postfix:stock". */
  name: string;
  image?: TargetImage;
  start(log: (line: string) => void): Promise<ProvisionedTarget>;
}

export type StartOutcome = { ok: true; provisioned: ProvisionedTarget } | { ok: false; error: string };

export interface PrepareOptions {
  mode: ProgressMode;
  log: (line: string) => void;
  /** Targets started at once; default: the machine's cores (starting an MTA is CPU-bound). */
  startConcurrency?: number;
  /** Images built at once; default: every image of the run (builds mostly wait for Debian's mirror). */
  buildConcurrency?: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

type Task = ListrTask<unknown>;

/** One line per event when not on a terminal; on a terminal, details go to the task's output line. */
function detailSink(options: PrepareOptions) {
  return (task: { output: string }) => (line: string) => {
    if (options.mode === 'tty') task.output = line.trim();
    else options.log(line);
  };
}

/** A task per image: built, or reused under its content hash; a failure is recorded in `errors`. */
function imageTasks(images: readonly TargetImage[], errors: Map<string, string>, options: PrepareOptions): Task[] {
  const tty = options.mode === 'tty';
  const detail = detailSink(options);
  return images.map((image) => ({
    title: `${image.name}: preparing image`,
    task: async (_ctx, task) => {
      const t0 = Date.now();
      try {
        const prepared = await image.prepare(detail(task));
        task.title = `${image.name}: ${prepared.built ? 'built' : 'reused'} ${prepared.tag}`;
        if (!tty) options.log(`image ${task.title}${prepared.built ? ` in ${seconds(Date.now() - t0)}` : ''}`);
      } catch (err) {
        errors.set(image.name, firstLine(err));
        if (!tty) options.log(`image ${image.name}: failed: ${firstLine(err)}`);
        throw err;
      }
    },
  }));
}

function render(tasks: Task[], options: PrepareOptions, concurrent: boolean | number = false): Listr<unknown> {
  const logger = new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) });
  return new Listr(tasks, {
    concurrent,
    exitOnError: false,
    renderer: options.mode === 'tty' ? 'default' : 'silent',
    rendererOptions: { logger, timer: PRESET_TIMER, collapseSubtasks: false, collapseErrors: false, formatOutput: 'truncate' },
  });
}

/** Prepares the images alone, all at once (`npm run images`); returns the failures by image name. */
export async function prepareImages(images: readonly TargetImage[], options: PrepareOptions): Promise<Map<string, string>> {
  const errors = new Map<string, string>();
  const list = render(imageTasks(images, errors, options), options, options.buildConcurrency ?? true);
  await list.run().catch(() => undefined);
  return errors;
}

/**
 * Two phases: every distinct image of the run is prepared (built, or reused under its content hash) at
 * once, then the targets start, a few at a time. A target whose image failed is not started; each
 * outcome is in the order of `jobs`.
 */
export async function prepareAndStart(jobs: readonly StartJob[], options: PrepareOptions): Promise<StartOutcome[]> {
  if (jobs.length === 0) return [];
  const images = new Map<string, TargetImage>();
  for (const job of jobs) if (job.image && !images.has(job.image.name)) images.set(job.image.name, job.image);
  const imageErrors = new Map<string, string>();
  const outcomes: StartOutcome[] = jobs.map(() => ({ ok: false, error: 'not started' }));
  const tty = options.mode === 'tty';
  const detail = detailSink(options);

  const startTasks: Task[] = jobs.map((job, index) => ({
    title: `${job.name}: starting`,
    task: async (_ctx, task) => {
      const imageError = job.image ? imageErrors.get(job.image.name) : undefined;
      if (imageError !== undefined) {
        outcomes[index] = { ok: false, error: `image ${job.image?.name ?? ''} failed: ${imageError}` };
        task.skip(`${job.name}: not started, its image failed`);
        return;
      }
      const t0 = Date.now();
      try {
        const provisioned = await job.start(detail(task));
        outcomes[index] = { ok: true, provisioned };
        task.title = `${job.name}: started`;
        if (!tty) options.log(`${job.name}: started in ${seconds(Date.now() - t0)}`);
      } catch (err) {
        outcomes[index] = { ok: false, error: firstLine(err) };
        if (!tty) options.log(`${job.name}: failed to start: ${firstLine(err)}`);
        throw err;
      }
    },
  }));

  const phases: Task[] = [
    ...(images.size > 0
      ? [
          {
            title: 'Images',
            task: (_ctx, task) => task.newListr(imageTasks([...images.values()], imageErrors, options), { concurrent: options.buildConcurrency ?? true, exitOnError: false }),
          } satisfies Task,
        ]
      : []),
    {
      title: 'Targets',
      task: (_ctx, task) => task.newListr(startTasks, { concurrent: options.startConcurrency ?? Math.max(1, availableParallelism()), exitOnError: false }),
    },
  ];
  // Failures are recorded per image and per target; listr's own collection of them is not needed.
  await render(phases, options).run().catch(() => undefined);
  return outcomes;
}
