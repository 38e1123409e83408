/**
 * A relation a model reads that no model of the project builds: a raw source table (`raw.accounts`),
 * its quarantine (`quarantine.accounts`) or a vendor table. Declared once as a value, so models list it in
 * their `inputs` like any upstream model: it types their `build` and tells a refresh which sources a
 * model depends on.
 */
export interface ExternalRelation<Name extends string = string, Row = unknown> {
  readonly kind: 'external-relation';
  /** The schema-qualified name models select from, e.g. `raw.accounts`. */
  readonly name: Name;
  /** Never set: carries the row type a model reading this relation sees. */
  readonly row?: Row;
}

/**
 * Starts declaring an external relation; `withRows<Row>()` names its row type. Two steps because
 * TypeScript cannot infer the name's literal type while the row type is given explicitly:
 * `externalRelation('raw.accounts').withRows<RawAccounts>()`.
 */
export function externalRelation<const Name extends `${string}.${string}`>(name: Name) {
  return {
    withRows: <Row>(): ExternalRelation<Name, Row> => Object.freeze({ kind: 'external-relation', name }),
  };
}

export function isExternalRelation(value: unknown): value is ExternalRelation<string, any> {
  return (value as ExternalRelation<string, any> | undefined)?.kind === 'external-relation';
}
