import { ignoreClosedPipes } from './closed-pipe.js';
import { main } from './main.js';

ignoreClosedPipes(process.stdout, process.stderr);

// The process entry point (bin/pulse.js imports this): the exit code is set, never process.exit(),
// so pending output is flushed first.
process.exitCode = await main(process.argv.slice(2));
