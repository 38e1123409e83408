import {
  IdentifierNode,
  type KyselyPlugin,
  type OperationNode,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
  type WithNode,
} from 'kysely';

/**
 * Lets a model write `selectFrom('stg_accounts')` and compiles it to `"staging"."stg_accounts"`:
 * relations are always schema-qualified in the SQL we store (a view must not depend on a search path),
 * and every model name the query mentions is recorded as a dependency. An unqualified table that is
 * neither a model nor a CTE in scope is recorded as unresolved, so the DAG can reject the typo instead
 * of DuckDB failing halfway through a build.
 */
export class RelationRefPlugin implements KyselyPlugin {
  readonly #transformer: RelationRefTransformer;

  constructor(schemaByRelation: ReadonlyMap<string, string>) {
    this.#transformer = new RelationRefTransformer(schemaByRelation);
  }

  /** Model names referenced by every query transformed so far. */
  get refs(): ReadonlySet<string> {
    return this.#transformer.refs;
  }

  /** Unqualified table names read by a query that are neither models nor CTEs. */
  get unresolved(): ReadonlySet<string> {
    return this.#transformer.unresolved;
  }

  /** Schema-qualified relations read that are not models (`raw.events`): what a refresh must watch. */
  get externalReads(): ReadonlySet<string> {
    return this.#transformer.externalReads;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class RelationRefTransformer extends OperationNodeTransformer {
  readonly refs = new Set<string>();
  readonly unresolved = new Set<string>();
  readonly externalReads = new Set<string>();
  readonly #schemaByRelation: ReadonlyMap<string, string>;
  /** CTE names visible at the node being transformed (a CTE shadows a model of the same name). */
  readonly #ctesInScope: string[] = [];

  constructor(schemaByRelation: ReadonlyMap<string, string>) {
    super();
    this.#schemaByRelation = schemaByRelation;
  }

  // A `with` clause scopes its CTE names to the query that declares it (and its subqueries), as in
  // Kysely's WithSchemaTransformer.
  protected override transformNodeImpl<T extends OperationNode>(node: T, queryId?: QueryId): T {
    const ctes = cteNamesOf(node);
    this.#ctesInScope.push(...ctes);
    try {
      return super.transformNodeImpl(node, queryId);
    } finally {
      this.#ctesInScope.length -= ctes.length;
    }
  }

  protected override transformTable(node: TableNode, queryId?: QueryId): TableNode {
    const transformed = super.transformTable(node, queryId);
    const name = transformed.table.identifier.name;
    const schema = this.#schemaByRelation.get(name);
    if (transformed.table.schema) {
      if (schema === transformed.table.schema.name) this.refs.add(name);
      else this.externalReads.add(`${transformed.table.schema.name}.${name}`);
      return transformed;
    }
    const parent = this.nodeStack[this.nodeStack.length - 2]?.kind;
    // The name a CTE declares, and `t.column` references (where `t` may be an alias), are not reads.
    if (parent === 'CommonTableExpressionNameNode') return transformed;
    const isRead = parent !== 'ReferenceNode';
    if (this.#ctesInScope.includes(name)) return transformed;
    if (!schema) {
      if (isRead) this.unresolved.add(name);
      return transformed;
    }
    if (isRead) this.refs.add(name);
    return { ...transformed, table: { ...transformed.table, schema: IdentifierNode.create(schema) } };
  }
}

function cteNamesOf(node: OperationNode): string[] {
  const withNode = (node as { with?: WithNode }).with;
  if (withNode?.kind !== 'WithNode') return [];
  return withNode.expressions.map((cte) => cte.name.table.table.identifier.name);
}
