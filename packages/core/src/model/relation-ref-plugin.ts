import {
  IdentifierNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SchemableIdentifierNode,
  type UnknownRow,
} from 'kysely';

/**
 * Lets a model write `selectFrom('stg_accounts')` and compiles it to `"staging"."stg_accounts"`:
 * relations are always schema-qualified in the SQL we store (a view must not depend on a search path),
 * and every model name the query mentions is recorded as a dependency.
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

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

class RelationRefTransformer extends OperationNodeTransformer {
  readonly refs = new Set<string>();
  readonly #schemaByRelation: ReadonlyMap<string, string>;

  constructor(schemaByRelation: ReadonlyMap<string, string>) {
    super();
    this.#schemaByRelation = schemaByRelation;
  }

  protected override transformSchemableIdentifier(node: SchemableIdentifierNode): SchemableIdentifierNode {
    const transformed = super.transformSchemableIdentifier(node);
    const name = transformed.identifier.name;
    const schema = this.#schemaByRelation.get(name);
    if (transformed.schema) {
      if (this.#schemaByRelation.get(name) === transformed.schema.name) this.refs.add(name);
      return transformed;
    }
    if (!schema) return transformed;
    this.refs.add(name);
    return { ...transformed, schema: IdentifierNode.create(schema) };
  }
}
