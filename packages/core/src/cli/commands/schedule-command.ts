import { z } from 'zod';
import { refusedForDataFolder } from '../../config/last-build-inputs.js';
import type { CliIo } from '../../progress/output.js';
import type { Command } from '../command.js';
import { COMPANIONS_NOTE, pathsFor, projectEntryFor, projectFor, ROOT_NOTE } from '../common-options.js';
import { EXIT_OK } from '../exit-codes.js';
import { failureExit } from '../failure-exit.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { REFRESH_HELP, REFRESH_OPTIONS, refreshArgsSchema, refreshOnce } from './refresh-command.js';

const SCHEDULE_OPTIONS = {
  ...REFRESH_OPTIONS,
  cron: { type: 'string' },
  timezone: { type: 'string' },
} as const;

const scheduleArgsSchema = refreshArgsSchema.extend({
  cron: z.string({ error: 'is required, e.g. --cron "0 3 * * *"' }).min(1, 'needs a cron pattern'),
  timezone: z.string().min(1, 'needs an IANA time zone, e.g. Europe/Paris').optional(),
});

export const scheduleCommand: Command = {
  name: 'schedule',
  publishes: true,
  summary: 'run `pulse refresh` on a cron schedule in this process until SIGTERM',
  help: `Usage: pulse schedule --cron PATTERN [options]

Stays in the foreground and runs \`pulse refresh\` at every time matching PATTERN (croner syntax: 5 fields, \
or 6 with seconds first), never two at once. A refresh that fails or finds the warehouse locked is \
reported and the schedule goes on. SIGTERM, SIGINT or SIGHUP stops it: a refresh in flight finishes first (it \
publishes atomically or not at all), then the process exits 0. For a cron line, a systemd timer or a \
GitHub Actions schedule, run \`pulse refresh\` instead (see the README, "Scheduling").

Options:
  --cron PATTERN     when to refresh, e.g. "0 3 * * *" (every day at 03:00) or "*/10 * * * * *"
  --timezone TZ      time zone of the pattern (default: the system's), e.g. UTC or Europe/Paris
${REFRESH_HELP}
  -h, --help         show this help

${COMPANIONS_NOTE}
${ROOT_NOTE}
Exit codes: 0 stopped by a signal, 2 usage or config error.`,

  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const args = parseCommandArgs(argv, SCHEDULE_OPTIONS, scheduleArgsSchema);
    const paths = pathsFor(args, io);
    // At once, not at every tick: each refresh would be refused the same way while the process stays up.
    const refused = refusedForDataFolder(paths);
    if (refused) throw refused;
    const project = await projectFor(args.project, io);
    const projectEntry = projectEntryFor(args.project, io);
    const { scheduleRefreshes } = await import('../../refresh/schedule-refreshes.js');
    const say = (line: string) => io.stdout.write(`[${new Date().toISOString()}] ${line}\n`);
    const schedule = scheduleRefreshes({
      cron: args.cron,
      timezone: args.timezone,
      refresh: async () => {
        say('refresh starting');
        let code: number;
        try {
          code = await refreshOnce(project, paths, { ...args, projectEntry }, io);
        } catch (error) {
          // The message and exit code `pulse refresh` would give (75 for a locked warehouse), not 1 for all.
          code = failureExit(scheduleCommand, error, io);
        }
        say(`refresh finished (exit ${code}); next at ${schedule.nextRun()?.toISOString() ?? 'never'}`);
      },
    });
    say(`scheduled refreshes "${args.cron}"; next at ${schedule.nextRun()?.toISOString() ?? 'never'}`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
      // A closed terminal or a supervisor's hang-up stops it as SIGTERM does, not in the middle of a refresh.
      process.once('SIGHUP', resolve);
    });
    say(`${signal}: stopping (waiting for a refresh in flight, if any)`);
    await schedule.stop();
    say('stopped');
    return EXIT_OK;
  },
};
