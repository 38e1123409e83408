import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  SchemableIdentifierNode,
  type UnknownRow,
} from 'kysely';

/**
 * Puts a `create view` statement's view in a schema. Kysely's `createView('marts.x')` would create a view
 * literally named "marts.x" in `main`, and `schema.withSchema()` would also qualify every unqualified
 * table inside the query; this touches the view's name only.
 */
export class ViewSchemaPlugin implements KyselyPlugin {
  readonly #schema: string;

  constructor(schema: string) {
    this.#schema = schema;
  }

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind !== 'CreateViewNode' || node.name.schema) return node;
    return {
      ...node,
      name: SchemableIdentifierNode.createWithSchema(this.#schema, node.name.identifier.name),
    };
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}
