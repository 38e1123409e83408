/**
 * `pulse status | head -1`: once the reader has gone, the next write fails with EPIPE, which Node raises
 * as an uncaught 'error' event (a stack trace, exit 1). Output nobody reads is dropped instead and the
 * command runs to its end: a refresh piped into `head` still finishes and publishes, and the exit code
 * stays the command's own. Any other stream error is still fatal.
 */
export function ignoreClosedPipes(...streams: NodeJS.WriteStream[]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}
