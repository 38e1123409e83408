import { PulseError } from '../errors.js';

/** A hand-written doc lost the markers between which `pulse docs` writes its generated part. */
export class GeneratedRegionMissingError extends PulseError {
  override readonly name = 'GeneratedRegionMissingError';
}

/** A model whose dependencies cannot be known without a build, so its docs would be incomplete. */
export class UndescribedModelError extends PulseError {
  override readonly name = 'UndescribedModelError';
}
