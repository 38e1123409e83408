import type { z } from 'zod';
import type { ExternalRelation } from './external-relation.js';
import type { AnyModel } from './model-definition.js';

/** What a model may read: an upstream model of the project, or an external relation such as `raw.accounts`. */
export type ModelInput = AnyModel | ExternalRelation<string, any>;

type InputName<I> =
  I extends ExternalRelation<infer Name, any>
    ? Name
    : I extends { readonly name: infer Name extends string }
      ? Name
      : never;

type InputRow<I> =
  I extends ExternalRelation<string, infer Row>
    ? Row
    : I extends { readonly columns: infer Columns extends z.ZodType }
      ? z.infer<Columns>
      : never;

/**
 * The Kysely database type made of a model's inputs: each upstream model under its name with the row its
 * zod contract infers, each external relation under its qualified name. A model's `build` receives
 * `Kysely<DatabaseOf<typeof inputs>>`, so reading a relation it did not declare, or a renamed or retyped
 * upstream column, is a compile error.
 */
export type DatabaseOf<Inputs extends readonly ModelInput[]> = 0 extends 1 & Inputs
  ? any
  : { [I in Inputs[number] as InputName<I>]: InputRow<I> };
