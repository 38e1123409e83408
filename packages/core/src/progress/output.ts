import { terminalSafe } from './terminal-safe.js';

/** Where a command writes: the process streams, or a capture in tests. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** The process's streams, each write neutralised of control characters that came from data (terminal-safe.ts). */
export function processIo(): CliIo {
  return {
    stdout: terminalSafeStream(process.stdout),
    stderr: terminalSafeStream(process.stderr),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** A process stream whose writes go through terminalSafe. */
export function terminalSafeStream(stream: NodeJS.WriteStream): OutputStream {
  return {
    // Off a terminal Pulse writes no colour: every escape sequence there came from data.
    write: (text: string) => stream.write(terminalSafe(text, stream.isTTY === true)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  };
}
