import { PulseError } from '../errors.js';

/** A model's query reads a relation that is not among its declared `inputs`. */
export class UndeclaredInputError extends PulseError {
  override readonly name = 'UndeclaredInputError';
  readonly model: string;
  /** The relation as the query names it, schema-qualified when it is known (`staging.stg_accounts`). */
  readonly relation: string;

  constructor(model: string, relation: string, isProjectModel: boolean) {
    super(
      `Model "${model}" reads "${relation}", which is not in its inputs. ` +
        (isProjectModel
          ? 'Add that model to the inputs of the model definition.'
          : 'Add it to the inputs (a model, or an external relation declared with externalRelation()), or fix the name.'),
    );
    this.model = model;
    this.relation = relation;
  }
}
