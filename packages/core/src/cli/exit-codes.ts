/**
 * The documented exit codes of `pulse`:
 * - 0: success.
 * - 1: the build or tests failed (a model, an error-severity test, an ingestion file error, `--strict`).
 * - 2: usage or configuration error (unknown flag, bad value, bad selector, invalid config): nothing ran.
 * - 75: reserved for "the warehouse is locked by another pulse process" (EX_TEMPFAIL).
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_LOCKED = 75;
