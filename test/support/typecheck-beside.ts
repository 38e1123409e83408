// Runs `tsc -p tsconfig.check.json` beside the command given (the test run), not before it: tsc is one
// core's work for ~20 s, and before the tests it left the other core idle. Its errors are printed as soon
// as it ends; the exit code is the command's, or tsc's when the command passed and tsc did not.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: tsx test/support/typecheck-beside.ts <command> [args...]');
  process.exit(2);
}

const exitOf = (child: ReturnType<typeof spawn>) =>
  new Promise<number>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

const tsc = spawn('npx', ['tsc', '-p', 'tsconfig.check.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
let tscOutput = '';
tsc.stdout!.on('data', (chunk) => {
  tscOutput += chunk;
});
tsc.stderr!.on('data', (chunk) => {
  tscOutput += chunk;
});
const typechecked = exitOf(tsc).then((code) => {
  if (code !== 0) process.stderr.write(`\ntsc -p tsconfig.check.json failed (exit ${code}):\n${tscOutput}\n`);
  return code;
});

const tests = spawn(command, args, { stdio: 'inherit' });
// A Ctrl-C reaches both children through the terminal; a signal sent to this process alone is passed on.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
  process.on(signal, () => {
    tests.kill(signal);
    tsc.kill(signal);
  });
const [testsCode, tscCode] = await Promise.all([exitOf(tests), typechecked]);
process.exit(testsCode !== 0 ? testsCode : tscCode);
