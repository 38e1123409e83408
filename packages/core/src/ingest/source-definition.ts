/**
 * PLACEHOLDER (owned by the ingestion work): the declaration of one raw source of the contract.
 * Replace freely, keeping the name `SourceDefinition`.
 */
export interface SourceDefinition<Config = any> {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  /** Unused placeholder so the type is not empty. */
  readonly __config?: Config;
}
