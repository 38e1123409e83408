/**
 * `sources.<source>.path` of pulse.config.json: where a source's files are, relative to the data folder.
 * A file (`crm/companies.csv`), a folder read recursively (`billing/periods/` or `billing/periods`), or a
 * glob over `/`-separated relative paths (`*` and `?` within a name, `**` across folders).
 */
export interface SourcePath {
  /** As written, normalized (no `./`, no trailing `/`): what messages show. */
  readonly shown: string;
  /** True when this relative path (`/`-separated) belongs to the source. */
  claims(relativePath: string): boolean;
  /** The top-level entry it names literally (`crm` for `crm/*.csv`), undefined when that is a glob. */
  readonly topName: string | undefined;
}

const GLOB = /[*?[]/;

export function sourcePathOf(path: string): SourcePath {
  const shown = path
    .trim()
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  const first = shown.split('/')[0]!;
  const topName = GLOB.test(first) ? undefined : first;
  if (!GLOB.test(shown)) {
    return { shown, topName, claims: (relative) => relative === shown || relative.startsWith(`${shown}/`) };
  }
  const pattern = new RegExp(`^${globToRegex(shown)}$`);
  return { shown, topName, claims: (relative) => pattern.test(relative) };
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` is any number of folders, none included; a bare `**` anything.
      if (glob[i + 2] === '/') {
        out += '(?:[^/]+/)*';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) out += '\\[';
      else {
        out += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replaceAll('\\', '\\\\')}]`;
        i = end;
      }
    } else out += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return out;
}
