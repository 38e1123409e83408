#!/usr/bin/env node
// The `pulse` CLI, run from TypeScript sources without a build step: register tsx, then start the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run-cli.ts');
