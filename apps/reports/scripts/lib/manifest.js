// Turns target/manifest.json into the site's glossary. The column descriptions are the zod
// `.describe()` texts of the models, so the glossary can never disagree with the warehouse docs.
// Read defensively: models and columns may come as arrays or as name-keyed maps.

const asArray = (v) =>
  Array.isArray(v)
    ? v
    : v && typeof v === 'object'
      ? Object.entries(v).map(([name, x]) => ({ name, ...x }))
      : [];
const lastSegment = (id) => (typeof id === 'string' ? id.split('.').at(-1) : undefined);
const isMart = (layer) => ['mart', 'marts'].includes(String(layer ?? '').toLowerCase());

/** @returns {{models: object[], sources: {name: string, required: boolean|null, description: string}[]}} */
export function glossaryFromManifest(raw) {
  if (!raw) return { models: [], sources: [] };
  const models = asArray(raw.models ?? raw.nodes ?? []).map((m) => ({
    name: String(m.name ?? lastSegment(m.unique_id) ?? 'unknown'),
    layer: m.layer ?? m.config?.layer ?? null,
    description: m.description ?? '',
    key: m.key ?? m.grain ?? null,
    columns: asArray(m.columns ?? []).map((c) => ({
      name: String(c.name),
      type: c.type ?? c.data_type ?? c.duckdb_type ?? null,
      description: c.description ?? '',
    })),
  }));
  // Stakeholders read the marts; when the manifest carries no layer, show everything rather than nothing.
  const marts = models.some((m) => isMart(m.layer)) ? models.filter((m) => isMart(m.layer)) : models;
  const sources = asArray(raw.sources ?? []).map((s) => ({
    name: String(s.name ?? lastSegment(s.unique_id)),
    required: s.required ?? null,
    description: s.description ?? '',
  }));
  return {
    models: marts.sort((a, b) => a.name.localeCompare(b.name)),
    sources: sources.sort((a, b) => a.name.localeCompare(b.name)),
  };
}
