import type { Worker } from 'node:worker_threads';
import { PulseError } from '@pulse/core';
import { type EventsPartTask, writeEventsPart } from './events-part.js';
import type { EventsWorkerReply } from './events-worker.js';
import { startModuleWorker } from './module-worker.js';

export class EventsWorkerError extends PulseError {
  override readonly name = 'EventsWorkerError';
}

function runTask(worker: Worker, task: EventsPartTask): Promise<number> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: EventsWorkerReply) => {
      cleanup();
      if (reply.ok) resolve(reply.events);
      else reject(new EventsWorkerError(`Writing ${task.path} failed in a worker: ${reply.message}`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(
        new EventsWorkerError(
          `The events worker for ${task.path} crashed: ${error.message}. Retry with workers: 0 to write events on the main thread.`,
        ),
      );
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new EventsWorkerError(`The events worker for ${task.path} exited early (code ${code}).`));
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage(task);
  });
}

/**
 * Writes every events part, on `workers` threads taking parts from a shared queue (0 = on this thread).
 * Each part is self-contained, so which thread writes it never changes its bytes.
 */
export async function writeEventsParts(
  tasks: readonly EventsPartTask[],
  workers: number,
  onPartWritten: (task: EventsPartTask, events: number) => void,
): Promise<number> {
  let total = 0;
  const queue = [...tasks];
  if (workers === 0) {
    for (const task of queue) {
      const events = await writeEventsPart(task);
      total += events;
      onPartWritten(task, events);
    }
    return total;
  }
  const pool = Array.from({ length: Math.min(workers, tasks.length) }, () =>
    startModuleWorker('events-worker'),
  );
  try {
    await Promise.all(
      pool.map(async (worker) => {
        for (let task = queue.shift(); task; task = queue.shift()) {
          const events = await runTask(worker, task);
          total += events;
          onPartWritten(task, events);
        }
      }),
    );
    return total;
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
