import { type CliIo, main } from '../../src/index.js';

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

/** What `pulse` printed and returned when run in this process (no child process: no start-up to pay). */
export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `pulse <argv>` in this process with `cwd` as its working folder (the suites' in-process `pulse`). */
export async function pulseInProcess(cwd: string, argv: readonly string[]): Promise<InProcessRun> {
  const io = captureIo(cwd);
  const code = await main([...argv], io);
  return { code, stdout: io.output(), stderr: io.errors() };
}
