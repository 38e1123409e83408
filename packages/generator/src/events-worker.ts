import { parentPort } from 'node:worker_threads';
import { type EventsPartTask, writeEventsPart } from './events-part.js';

/** What the worker answers for each task it is posted. */
export type EventsWorkerReply =
  | { readonly ok: true; readonly events: number }
  | { readonly ok: false; readonly message: string };

// Entry point of an events worker: writes each posted part and answers with its event count or the failure.
parentPort?.on('message', (task: EventsPartTask) => {
  writeEventsPart(task).then(
    (events) => parentPort?.postMessage({ ok: true, events } satisfies EventsWorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        ok: false,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies EventsWorkerReply),
  );
});
