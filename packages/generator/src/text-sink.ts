import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/** Text is handed to the stream in chunks of about this many characters: few syscalls, bounded memory. */
const CHUNK_CHARS = 256 * 1024;

export interface TextSinkOptions {
  /** gzip level 1–9; absent writes plain text. */
  readonly gzipLevel?: number;
}

/**
 * A file written as text in large chunks with backpressure. Callers `push` rows and, when `full` turns true,
 * `await flush()` — one await per chunk rather than one per row keeps the hot loops fast.
 */
export class TextSink {
  readonly path: string;
  readonly #input: Writable;
  readonly #done: Promise<void>;
  #pending = '';

  private constructor(path: string, input: Writable, done: Promise<void>) {
    this.path = path;
    this.#input = input;
    this.#done = done;
  }

  static open(path: string, options: TextSinkOptions = {}): TextSink {
    const file = createWriteStream(path);
    const gzip = options.gzipLevel === undefined ? undefined : createGzip({ level: options.gzipLevel });
    const done = gzip ? pipeline(gzip, file) : finished(file);
    // A failure (disk full, missing folder) surfaces from flush()/close(); this only avoids an unhandled rejection.
    done.catch(() => {});
    return new TextSink(path, gzip ?? file, done);
  }

  get full(): boolean {
    return this.#pending.length >= CHUNK_CHARS;
  }

  push(text: string): void {
    this.#pending += text;
  }

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const chunk = this.#pending;
    this.#pending = '';
    if (!this.#input.write(chunk)) await Promise.race([once(this.#input, 'drain'), this.#done]);
  }

  /** Pushes and flushes when the buffer is full: the convenient form for loops that are not hot. */
  async write(text: string): Promise<void> {
    this.push(text);
    if (this.full) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.#input.end();
    await this.#done;
  }
}
