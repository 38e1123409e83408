// Setup file of the core project (vitest.config.ts): runs in every test file, whether or not the files
// share a worker, so each file's tracked temp folders go when it ends.
import { afterAll } from 'vitest';
import { removeTrackedTempDirs } from './tracked-temp-dirs.js';

afterAll(removeTrackedTempDirs);
