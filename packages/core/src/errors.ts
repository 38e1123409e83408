/** Base class of every error Pulse raises on purpose: the message says what happened and what to do. */
export class PulseError extends Error {
  override readonly name: string = 'PulseError';
}
