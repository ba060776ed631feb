import { MessageSink } from './message-sink.ts';
import { createSinkDir, removeSinkDir } from './sink-dir.ts';

/** The one sink of a run: where container targets relay to, and the folder its messages land in. */
export interface RunSink {
  host: string;
  port: number;
  dir: string;
  /** Stops the sink and removes its folder. */
  stop(): Promise<void>;
}

/** Starts a sink on `host` writing to a fresh temp folder. */
export async function startRunSink(host: string): Promise<RunSink> {
  const dir = await createSinkDir('run');
  let sink: MessageSink;
  try {
    sink = await MessageSink.start({ host, dir });
  } catch (error) {
    await removeSinkDir(dir);
    throw error;
  }
  return {
    host: sink.host,
    port: sink.port,
    dir,
    stop: async () => {
      await sink.stop();
      await removeSinkDir(dir);
    },
  };
}
