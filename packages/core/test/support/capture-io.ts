import type { CliIo } from '../../src/index.js';

export interface CapturedIo extends CliIo {
  readonly output: () => string;
  readonly errors: () => string;
}

/** A CliIo writing into strings; `tty` pretends stdout is a terminal. */
export function captureIo(cwd: string, options: { env?: NodeJS.ProcessEnv; tty?: boolean } = {}): CapturedIo {
  let stdout = '';
  let stderr = '';
  return {
    cwd,
    env: options.env ?? {},
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false, columns: 100 },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    output: () => stdout,
    errors: () => stderr,
  };
}
