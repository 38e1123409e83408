import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import { toManifest } from '../artifacts/manifest.js';
import type { NodeResult, RunResult } from '../artifacts/run-result.js';
import { relativePath, toRunResults } from '../artifacts/run-results.js';
import { type StagedFileMove, stageArtifacts, type WrittenArtifacts } from '../artifacts/write-artifacts.js';
import type { PulsePaths } from '../config/resolve-paths.js';
import type { ProjectDefinition } from '../project/define-project.js';
import type { StagedBuild } from './build-staged.js';
import { exportPathOf } from './export-parquet.js';
import { keptModelEntries } from './kept-models.js';

export interface BuildArtifactsArgs {
  readonly project: ProjectDefinition;
  readonly paths: PulsePaths;
  readonly select: string | undefined;
  readonly strict: boolean | undefined;
  /** The config file read, or undefined when defaults were used. */
  readonly configFile: string | undefined;
  /** When the run began: the whole run's times include ingestion and publishing. */
  readonly startedAt: Date;
  /** The run's id when the caller already gave it one (a refresh logs it), else a new one. */
  readonly runId?: string;
  /** The command, as run_results.json's `args.command` says it: `build` unless given. */
  readonly command?: 'build' | 'refresh';
  readonly built: StagedBuild;
}

/**
 * Just before the build is published: the run as a whole (ingestion included, the Parquet paths those of
 * the published marts folder) and target/run_results.json and manifest.json, staged beside their places
 * for the publish to rename in with the warehouse and marts (stageArtifacts).
 */
export async function stageBuildArtifacts(args: BuildArtifactsArgs): Promise<{
  readonly run: RunResult;
  readonly artifacts: WrittenArtifacts;
  readonly moves: readonly StagedFileMove[];
}> {
  const { project, paths, built, configFile, startedAt } = args;
  const finishedAt = new Date();
  // One id for the run: the run log, run_results.json, manifest.json and the site's footer all name it.
  const identity = {
    invocationId: args.runId ?? randomUUID(),
    project: project.name,
    generatedAt: finishedAt,
  };
  const run: RunResult = {
    ...built.run,
    nodes: built.run.nodes.map((node) => publishedExport(node, paths.exportDir)),
    startedAt,
    completedAt: finishedAt,
    elapsed: (finishedAt.getTime() - startedAt.getTime()) / 1000,
  };
  const runResults = toRunResults({
    identity,
    args: {
      command: args.command ?? 'build',
      select: args.select ?? null,
      strict: args.strict ?? false,
      data_dir: relativePath(paths.root, paths.dataDir),
      warehouse: relativePath(paths.root, paths.warehouse),
      config_file: configFile ? relativePath(paths.root, configFile) : null,
    },
    run,
    vars: built.vars,
    sources: built.outcome.sources,
    root: paths.root,
    targets: built.targets,
    digest: built.digest,
    // Every model this run did not build was kept as the warehouse had it: by a refresh (nothing it depends
    // on changed) or by a `--select` build (not selected; linked from the published warehouse).
    kept: await keptModelEntries(
      paths.targetDir,
      built.graph.names.filter((name) => !built.run.nodes.some((node) => node.name === name)),
      (name) =>
        relativePath(paths.root, exportPathOf(paths.exportDir, project.models.find((m) => m.name === name)!)),
    ),
    buildOrder: built.graph.names,
  });
  const manifest = toManifest({
    identity,
    graph: built.graph,
    sources: project.sources,
    exportLayers: project.exportLayers ?? ['marts'],
  });
  const { written, moves } = await stageArtifacts(paths.targetDir, { runResults, manifest });
  return { run, artifacts: written, moves };
}

/** Where a node's Parquet copy lives once the staged marts folder is published. */
function publishedExport(node: NodeResult, exportDir: string): NodeResult {
  return node.exportPath ? { ...node, exportPath: join(exportDir, basename(node.exportPath)) } : node;
}
