import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectDefinition } from '../project/define-project.js';
import { REGION_BEGIN, REGION_END, withGeneratedRegion } from './generated-region.js';
import { type ListedModel, modelNodesOf } from './project-models.js';
import { renderMetricsDoc } from './render-metrics-doc.js';
import { renderSourceTables } from './render-source-tables.js';

/** One file `pulse docs` owns (wholly, or its generated part), with the text it should hold. */
export interface DocFile {
  readonly path: string;
  readonly text: string;
}

export const METRICS_DOC = 'metrics.md';
export const INPUTS_DOC = 'inputs.md';

/** A docs folder that has no inputs.md yet gets this one, for its prose to be written around the tables. */
const NEW_INPUTS_DOC = `# Inputs

The raw exports this project reads: one section per source, with its columns and row rules.

${REGION_BEGIN}
${REGION_END}
`;

/**
 * What the docs folder should hold for this project: metrics.md, wholly generated, and inputs.md, whose
 * prose is kept and whose generated part (the source tables) is rewritten.
 */
export function expectedDocs(
  project: ProjectDefinition,
  listed: readonly ListedModel[],
  docsDir: string,
): DocFile[] {
  const metricsPath = join(docsDir, METRICS_DOC);
  const inputsPath = join(docsDir, INPUTS_DOC);
  const inputsNow = existsSync(inputsPath) ? readFileSync(inputsPath, 'utf8') : NEW_INPUTS_DOC;
  return [
    { path: metricsPath, text: renderMetricsDoc(project.name, modelNodesOf(project, listed)) },
    {
      path: inputsPath,
      text: withGeneratedRegion(inputsNow, renderSourceTables(project.sources), inputsPath),
    },
  ];
}

/** The files whose content on disk differs from what they should hold (missing ones included). */
export function staleDocs(files: readonly DocFile[]): DocFile[] {
  return files.filter((file) => !existsSync(file.path) || readFileSync(file.path, 'utf8') !== file.text);
}
