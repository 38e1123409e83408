import { readStart } from './csv-header.js';
import { heldValues, unfitWhereHeld } from './empty-unless.js';
import { mapHeader } from './header-mapping.js';
import { IngestFileError } from './ingest-errors.js';
import { createLineTable } from './line-table.js';
import { leftOutColumn } from './rows-left-out.js';
import { readByRule, ruleColumns } from './rule-columns.js';
import type { SourceDefinition } from './source-definition.js';
import { readerPath, sqlString } from './sql-text.js';
import {
  type FileReadContext,
  mappedValues,
  queryOnFile,
  type StagedFile,
  stagingSelectList,
} from './staged-file.js';
import { utf16Encoding } from './text-encoding.js';
import { jsonValueUnfit, unfitColumnSql } from './unfit-values.js';

const ADVICE = 'Check that the file is UTF-8 JSON Lines: one JSON object per line.';
/** A longer line is quarantined as malformed_row rather than read (line-table.ts). */
const MAX_LINE_BYTES = 16_000_000;

/**
 * Reads JSON Lines as plain lines (DuckDB's CSV reader with no delimiter and no quoting) and parses each
 * line with DuckDB's JSON functions. Unlike read_json, this keeps the physical line number of every row
 * and turns a line that is not a JSON object into a `malformed_row` instead of failing or skipping it.
 * Values are read as text (`42`, `true`); keys match columns like CSV headers. An object or an array
 * (also true/false in an id column) is no value of any column: `_unfit_column` names it (unfit-values.ts).
 */
export async function stageJsonlFile(context: FileReadContext): Promise<StagedFile> {
  const lines = context.tempName('jsonl');
  const { bytes: start } = await readStart(context.file);
  const utf16 = utf16Encoding(start);
  if (utf16) {
    throw new IngestFileError(
      context.file.relativePath,
      `the file ${utf16 === 'bom' ? 'is UTF-16 encoded' : 'looks like UTF-16 text without a byte-order mark'}; ` +
        `convert it to UTF-8 (e.g. iconv -f ${utf16 === 'bom' ? 'utf-16' : utf16} -t utf-8 in > out).`,
    );
  }
  const newLine = newLineOption(start);
  await createLineTable(context, {
    table: lines,
    reader: (rejects) =>
      `read_csv(${readerPath(context.file.path)}, columns = {'l': 'VARCHAR'}, header = false,
                auto_detect = false, delim = '\x01', quote = '', escape = '', strict_mode = false,
                all_varchar = true, max_line_size = ${MAX_LINE_BYTES}${newLine}, ${rejects})`,
    columns: `case when over_long then 'over_long'
                   when l is null or trim(l) = '' then 'blank'
                   when not json_valid(l) then 'invalid'
                   when json_type(l) = 'OBJECT' then 'object'
                   else lower(json_type(l)) end as kind`,
    advice: ADVICE,
  });
  const [first] = await queryOnFile<{ kind: string; opens_array: boolean }>(
    context,
    `select kind, kind = 'invalid' and starts_with(ltrim(l), '[') as opens_array
     from ${lines} where kind <> 'blank' order by n limit 1`,
    ADVICE,
  );
  // A JSON array on one line, or spread over many (pretty-printed: its first line is a lone `[`).
  if (first?.kind === 'array' || first?.opens_array) {
    throw new IngestFileError(
      context.file.relativePath,
      'the file holds a JSON array, not JSON Lines; write one JSON object per line (e.g. jq -c ".[]").',
    );
  }
  const keys = await queryOnFile<{ key: string }>(
    context,
    `select key from (
       select n, unnest(json_keys(case when kind = 'object' then l end)) as key from ${lines}
     ) group by key order by min(n), key`,
    ADVICE,
  );
  const topLevel = keys.map((row) => row.key);
  const dottedFound = await dottedKeysFound(context, lines, topLevel);
  const nested = dottedFound.mapped;
  const names = [...topLevel, ...nested];
  // Lines but not a single object: another format under a .jsonl name (CSV, a log), not JSON Lines whose
  // every row is damaged. A file error, as a CSV file without its header is.
  if (first && topLevel.length === 0) {
    throw new IngestFileError(
      context.file.relativePath,
      'no line of the file is a JSON object, so it is not JSON Lines: write one JSON object per line, ' +
        'or give the file the extension of its format (.csv for comma-separated values).',
    );
  }
  const mapping = mapHeader(context.file.relativePath, names, context.source, { spellingsMayVary: true });
  const pathOf = (index: number) =>
    index < topLevel.length ? jsonPath(names[index]!) : dottedFound.paths.get(names[index]!)!;
  // Each key's text extracted once, then read both as the value and by the unfit test.
  const read = mapping.targets.flatMap((target, index) =>
    target === undefined
      ? []
      : [`(case when kind = 'object' then l ->> ${sqlString(pathOf(index))} end) as k${index}`],
  );
  const mappedValue = mappedValues(mapping, (index) => `t.k${index}`);
  const columnsByName = new Map(context.source.columns.map((column) => [column.name, column]));
  const exportValue = (column: string) => {
    // A top-level key in every spelling the file has (keys vary per line, as for mapped columns); a dotted
    // one reaches into nested objects step by step, as the file spells each step (null where absent).
    const wanted = column.toLowerCase();
    const spellings = topLevel.filter((name) => name.trim().toLowerCase() === wanted);
    const dottedPath = dottedFound.ruleKeys.includes(column) ? dottedFound.paths.get(column) : undefined;
    const paths = spellings.length ? spellings.map(jsonPath) : dottedPath ? [dottedPath] : [];
    if (paths.length === 0) return undefined;
    const values = paths.map((path) => `t.l ->> ${sqlString(path)}`);
    const value = values.length === 1 ? values[0] : `coalesce(${values.join(', ')})`;
    return `(case when t.kind = 'object' then ${value} end)`;
  };
  const { held, columnValue } = heldValues(
    context.source,
    context.file.relativePath,
    mappedValue,
    exportValue,
  );
  const unfitOf = unfitWhereHeld(
    held,
    mappedValues(mapping, (index) =>
      jsonValueUnfit(columnsByName.get(mapping.targets[index]!)!, `t.k${index}`, 't.l', pathOf(index)),
    ),
  );
  const leftOut = leftOutColumn(context.source, exportValue);
  const select = `select ${stagingSelectList(
    context,
    {
      row: 't.n',
      line: 't.n',
      malformed: malformedReason(
        context.source,
        topLevel.filter((_, index) => mapping.targets[index] !== undefined),
      ),
      unfitColumn: unfitColumnSql(context.source.columns, (column) => unfitOf(column.name)),
      leftOut: `case when t.kind = 'object' then ${leftOut.expression} end`,
    },
    columnValue,
  )} from (select n, l, kind${read.map((key) => `, ${key}`).join('')} from ${lines} where kind <> 'blank') t`;
  return {
    select,
    unfitValues: read.length > 0,
    originals: {
      relation: `(select n as _row, * from ${lines})`,
      // The line as written when it is JSON (its own names and values), else the text as a JSON string
      // (only its first 10,000 characters for a line too long to read).
      rawJson: `(case when o.kind in ('invalid', 'over_long') then to_json(o.l)::VARCHAR else o.l end)`,
    },
    tempTables: [lines],
    // A key read through its nested keys (`via` for `via.channel`, by a mapping or a rule) is used, not unknown.
    unknownColumns: mapping.unknown.filter(
      (name) =>
        !nested.some((key) => key.toLowerCase().startsWith(`${name.trim().toLowerCase()}.`)) &&
        !readByRule(context.source, name, { nested: true }),
    ),
    rulesWithoutColumn: leftOut.missing,
    warnings: [],
  };
}

/** What a JSON value that is not an object is, in words: DuckDB's json_type (lower case) names types. */
const NOT_AN_OBJECT: Readonly<Record<string, string>> = {
  varchar: 'a string',
  bigint: 'a number',
  ubigint: 'a number',
  double: 'a number',
  boolean: 'a true/false value',
  null: 'null',
  array: 'an array',
};

/**
 * DuckDB's line reader takes the file's line break from its first line. After a first line ending in LF,
 * it read each later CRLF as a line and a blank one, so every line after a CRLF was numbered one too high.
 * Told CRLF, it splits at LF and at CRLF alike. A file whose first line ends in a lone CR (old Mac
 * exports) keeps DuckDB's own choice, which reads those lines: told CRLF, DuckDB garbles them.
 */
function newLineOption(bytes: Uint8Array): string {
  const cr = bytes.indexOf(CR);
  const lf = bytes.indexOf(LF);
  const loneCrFirst = cr >= 0 && (lf < 0 || cr < lf) && bytes[cr + 1] !== LF;
  return loneCrFirst ? '' : `, new_line = '\\r\\n'`;
}

const CR = 0x0d;
const LF = 0x0a;

/** Why a line (`t.kind`, see stageJsonlFile) is not a row, NULL for an object: what it is, what it should be. */
/**
 * Why a line is no row: not a JSON object, or an object giving a column twice (`read`: the file's keys
 * that feed a column). A key repeated in one object, or spelt two ways that match one column
 * (`account_id` and `Account_ID`), leaves two values for the column: DuckDB's `->>` takes the first, where
 * JSON.parse, Python and jq take the last, so the row is quarantined rather than read either way.
 */
function malformedReason(source: SourceDefinition, read: readonly string[]): string {
  const first = source.columns[0];
  // The key the file uses for the first column (for a dotted mapping, a nested key, its own name instead).
  const key = first?.mapped && !first.mapped.header.includes('.') ? first.mapped.header : first?.name;
  const shouldBe = `write each row as one object on its own line, e.g. {${JSON.stringify(key ?? 'id')}: ...}`;
  const kinds = Object.entries(NOT_AN_OBJECT).map(
    ([kind, what]) =>
      `when '${kind}' then ${sqlString(`the line is ${what}, not a JSON object: ${shouldBe}`)}`,
  );
  const wanted = [...new Set(read.map((key) => key.trim().toLowerCase()))];
  const keys = `list_filter(list_transform(json_keys(t.l), k -> lower(trim(k))), k -> list_contains([${wanted.map(sqlString).join(', ')}], k))`;
  const twice = wanted.length
    ? `when 'object' then case when len(${keys}) > len(list_distinct(${keys})) then ${sqlString(
        'the object gives a column more than once (a key repeated, or spelt two ways such as "account_id" ' +
          'and "Account_ID"), so its value is not known: keep one key per column',
      )} end`
    : `when 'object' then NULL`;
  return `case t.kind ${twice}
                      when 'invalid' then ${sqlString(`the line is not valid JSON: ${shouldBe}`)}
                      when 'over_long' then 'the line is longer than the limit of ${MAX_LINE_BYTES / 1_000_000} MB'
                      ${kinds.join('\n                      ')}
                      else ${sqlString(`the line is not a JSON object: ${shouldBe}`)} end`;
}

/** `$."key"` with `"` and `\` escaped, so any key (dots, spaces, quotes) is one path step. */
function jsonPath(key: string): string {
  return `$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * The dotted keys a mapping asks for (`"account_id": "context.groupId"`, pulse.config.json `sources`),
 * and those `leave_out` and `empty_unless` rules read, that some record of the file holds: they then read like columns, null
 * in a record without them. A dotted key that is itself a top-level key is read as that key. Each step
 * is matched case-insensitively after trimming, as names are (`Context.GroupID` reads `context.groupId`):
 * `paths` gives the JSON path of the spelling the file has. One pass over the file for the keys as
 * written, none when nothing dotted is asked for, and a few more only for a key not found as written.
 */
async function dottedKeysFound(
  context: FileReadContext,
  lines: string,
  topLevel: readonly string[],
): Promise<{ mapped: string[]; ruleKeys: string[]; paths: Map<string, string> }> {
  const top = new Set(topLevel.map((key) => key.trim().toLowerCase()));
  const dotted = (key: string) => key.includes('.') && !top.has(key.toLowerCase());
  const mapped = context.source.columns.flatMap((column) => {
    const header = column.mapped?.header.trim() ?? '';
    return dotted(header) ? [header] : [];
  });
  const ruled = ruleColumns(context.source).filter(dotted);
  const wanted = [...new Set([...mapped, ...ruled])];
  const paths = new Map<string, string>();
  if (wanted.length === 0) return { mapped: [], ruleKeys: [], paths };
  const found = await queryOnFile<Record<string, boolean>>(
    context,
    `select ${wanted
      .map(
        (header, index) =>
          `bool_or(json_extract(l, ${sqlString(nestedPath(header))}) is not null) as k${index}`,
      )
      .join(', ')}
     from ${lines} where kind = 'object'`,
    ADVICE,
  );
  for (const [index, key] of wanted.entries()) {
    const path = found[0]?.[`k${index}`] === true ? nestedPath(key) : await spelledPath(context, lines, key);
    if (path) paths.set(key, path);
  }
  return {
    mapped: mapped.filter((key) => paths.has(key)),
    ruleKeys: ruled.filter((key) => paths.has(key)),
    paths,
  };
}

/**
 * The JSON path of a dotted key whose steps the file spells in another case (or with spaces around), one
 * step at a time: at each, the keys of the objects there that match it case-insensitively after trimming,
 * the first the file gives. Undefined when some step is in no record.
 */
async function spelledPath(
  context: FileReadContext,
  lines: string,
  dotted: string,
): Promise<string | undefined> {
  let path = '$';
  for (const step of dotted.split('.')) {
    const [match] = await queryOnFile<{ key: string }>(
      context,
      `select key from (
         select n, unnest(json_keys(l, ${sqlString(path)})) as key from ${lines}
         where kind = 'object' and json_type(l, ${sqlString(path)}) = 'OBJECT'
       ) where lower(trim(key)) = ${sqlString(step.trim().toLowerCase())}
       group by key order by min(n), key limit 1`,
      ADVICE,
    );
    if (!match) return undefined;
    path += jsonPath(match.key).slice(1);
  }
  return path;
}

/** `context.groupId` → `$."context"."groupId"`: each dot one step into a nested object. */
function nestedPath(dotted: string): string {
  return `$${dotted
    .split('.')
    .map((step) => `."${step.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)
    .join('')}`;
}
