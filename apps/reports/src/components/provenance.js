// What every page says about its numbers: as_of, run id, and for each mart it reads whether the
// run built it and its data tests passed. Anything else raises a visible banner, so a failed or
// skipped mart never passes for fresh numbers.
import { el } from './dom.js';

function problems(name, m) {
  if (!m) return [`${name}: unknown to this site build.`];
  const out = [];
  if (!m.present) out.push(`${name} was not exported (no Parquet file): its charts are empty.`);
  if (m.status === 'error') {
    out.push(
      `${name} failed to build in this run${m.message ? ` (${m.message})` : ''}: its numbers may be from an earlier run.`,
    );
  } else if (m.status === 'skipped') {
    out.push(
      `${name} was skipped in this run (an upstream model failed): its numbers may be from an earlier run.`,
    );
  } else if (m.status === 'not_in_run') {
    out.push(`${name} is not in run_results.json: it cannot be confirmed that this run rebuilt it.`);
  } else if (m.status !== 'success' && m.status !== 'unknown') {
    out.push(`${name} ended with status “${m.status}”.`);
  }
  for (const t of m.failed_tests ?? []) {
    out.push(`${name} failed data test ${t.name}${t.failures ? ` (${t.failures} failing rows)` : ''}.`);
  }
  return out;
}

function summary(name, m) {
  if (!m?.present) return `${name}: missing`;
  const tests = m.tests_total
    ? `, ${m.tests_total - m.tests_failed}/${m.tests_total} tests passed`
    : ', no tests reported';
  return `${name}: ${m.status}${tests}`;
}

/** @param {object} provenance src/data/run/provenance.json  @param {string[]} marts the page's marts */
export function provenanceBlock(provenance, marts) {
  const issues = marts.flatMap((name) => problems(name, provenance.marts[name]));
  if (!provenance.run_results_found) {
    issues.unshift(
      'No target/run_results.json was found: the data tests of these numbers cannot be confirmed.',
    );
  }
  const block = el(
    'div',
    { 'data-provenance': marts.join(' '), 'data-ok': issues.length === 0 ? 'true' : 'false' },
    el(
      'p',
      { class: 'pulse-provenance' },
      `Data as of ${provenance.as_of ?? 'unknown'} · run ${provenance.run_id ?? 'unknown'} · `,
      marts.map((name) => summary(name, provenance.marts[name])).join(' · '),
    ),
  );
  if (issues.length > 0) {
    block.append(
      el(
        'div',
        { class: 'pulse-banner error', role: 'alert', 'data-banner': '' },
        el('strong', {}, '⚠ Some numbers on this page may be stale or wrong.'),
        el('ul', {}, ...issues.map((i) => el('li', {}, i))),
      ),
    );
  }
  return block;
}
