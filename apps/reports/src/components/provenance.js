// What every page says about its numbers: as_of, run id, and for each mart it reads whether the
// run built it and its data tests passed. Anything else raises a visible banner, so a failed or
// skipped mart never passes for fresh numbers.
import { el } from './dom.js';

const error = (text) => ({ level: 'error', text });

function statusProblem(name, m) {
  switch (m.status) {
    case 'success':
    case 'unknown':
      return null;
    case 'error':
      return error(
        `${name} failed in this run${m.message ? ` (${m.message})` : ''}: its numbers may be wrong or from an earlier run.`,
      );
    case 'skipped': {
      const why = m.failed_ancestor ? `${m.failed_ancestor} failed upstream` : 'an upstream model failed';
      return error(`${name} was skipped in this run (${why}): its numbers may be from an earlier run.`);
    }
    case 'not_in_run':
      return error(`${name} is not in run_results.json: it cannot be confirmed that this run rebuilt it.`);
    default:
      return error(`${name} ended with status “${m.status}”.`);
  }
}

function testProblem(name, t) {
  const rows = t.failures ? ` (${t.failures} failing rows)` : '';
  if (t.status === 'warn')
    return { level: 'warning', text: `${name}: data test ${t.name} raised a warning${rows}.` };
  if (t.status === 'error') return error(`${name}: data test ${t.name} could not run.`);
  return error(`${name} failed data test ${t.name}${rows}.`);
}

/** @returns {{level: 'error'|'warning', text: string}[]} */
function problems(name, m) {
  if (!m) return [error(`${name}: unknown to this site build.`)];
  return [
    m.present ? null : error(`${name} was not exported (no Parquet file): its charts are empty.`),
    // A Parquet file rewritten after the build (its `mrr` as text) drew a wrong chart with no word of it here.
    m.drift?.length
      ? error(
          `${name}'s file does not match manifest.json (${m.drift.join('; ')}): its charts may be wrong. ` +
            '`pulse refresh` exports it anew from the warehouse.',
        )
      : null,
    statusProblem(name, m),
    ...(m.failed_tests ?? []).map((t) => testProblem(name, t)),
  ].filter(Boolean);
}

function summary(name, m) {
  if (!m?.present) return `${name}: missing`;
  const tests = m.tests_total
    ? `, ${m.tests_total - m.tests_failed}/${m.tests_total} tests passed`
    : ', no tests reported';
  return `${name}: ${m.status}${tests}`;
}

function banner(issues) {
  const severe = issues.some((i) => i.level === 'error');
  return el(
    'div',
    {
      class: `pulse-banner ${severe ? 'error' : 'warning'}`,
      role: 'alert',
      'data-banner': severe ? 'error' : 'warning',
    },
    el('strong', {}, severe ? '⚠ Some numbers on this page may be stale or wrong.' : '⚠ Data-test warnings.'),
    el('ul', {}, ...issues.map((i) => el('li', {}, i.text))),
  );
}

/** @param {object} provenance data/provenance.json (scripts/lib/site-data.js)  @param {string[]} marts the page's marts */
export function provenanceBlock(provenance, marts) {
  const issues = marts.flatMap((name) => problems(name, provenance.marts[name]));
  const failed = provenance.failure_since;
  if (failed) {
    const what = `${failed.command ? `pulse ${failed.command}` : 'The latest run'} of ${failed.started_at.replace('T', ' ').slice(0, 16)} UTC`;
    issues.unshift(
      error(
        `${what} ${failed.status === 'interrupted' ? 'was interrupted' : 'failed'}${failed.message ? ` (${failed.message})` : ''}: ` +
          `these numbers are from the run before it, ${provenance.as_of ? `data as of ${provenance.as_of}` : 'as the footer says'}, without the exports delivered since.`,
      ),
    );
  }
  if (!provenance.run_results_found) {
    issues.unshift(
      error('No target/run_results.json was found: the data tests of these numbers cannot be confirmed.'),
    );
  }
  const line = [
    `Data as of ${provenance.as_of ?? 'unknown'}`,
    `run ${provenance.run_id ?? 'unknown'}`,
    ...marts.map((name) => summary(name, provenance.marts[name])),
  ].join(' · ');
  return el(
    'div',
    { 'data-provenance': marts.join(' '), 'data-ok': issues.length === 0 ? 'true' : 'false' },
    el('p', { class: 'pulse-provenance' }, line),
    issues.length > 0 ? banner(issues) : null,
  );
}
