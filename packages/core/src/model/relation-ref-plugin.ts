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
 * relations are always schema-qualified in the SQL we store (a view must not depend on a search path).
 * Every relation the query reads is recorded, so the caller can check it against the model's declared
 * inputs: a read that is not declared is rejected before DuckDB runs anything. Relations named inside a
 * `sql` template's text are invisible here; `sql.table()` references are seen.
 */
export class RelationRefPlugin implements KyselyPlugin {
  readonly #transformer: RelationRefTransformer;

  /** `schemaByRelation`: every model of the project by name, with its schema. */
  constructor(schemaByRelation: ReadonlyMap<string, string>) {
    this.#transformer = new RelationRefTransformer(schemaByRelation);
  }

  /**
   * Relations read by every query transformed so far (CTEs excluded): schema-qualified (`raw.events`,
   * `staging.stg_accounts`), or bare when an unqualified name is no model of the project.
   */
  get reads(): ReadonlySet<string> {
    return this.#transformer.reads;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class RelationRefTransformer extends OperationNodeTransformer {
  readonly reads = new Set<string>();
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
    const parent = this.nodeStack[this.nodeStack.length - 2]?.kind;
    // The name a CTE declares, and `t.column` references (where `t` may be an alias), are not reads.
    if (parent === 'CommonTableExpressionNameNode') return transformed;
    const isRead = parent !== 'ReferenceNode';
    if (transformed.table.schema) {
      if (isRead) this.reads.add(`${transformed.table.schema.name}.${name}`);
      return transformed;
    }
    if (this.#ctesInScope.includes(name)) return transformed;
    const schema = this.#schemaByRelation.get(name);
    if (isRead) this.reads.add(schema ? `${schema}.${name}` : name);
    if (!schema) return transformed;
    return { ...transformed, table: { ...transformed.table, schema: IdentifierNode.create(schema) } };
  }
}

function cteNamesOf(node: OperationNode): string[] {
  const withNode = (node as { with?: WithNode }).with;
  if (withNode?.kind !== 'WithNode') return [];
  return withNode.expressions.map((cte) => cte.name.table.table.identifier.name);
}
