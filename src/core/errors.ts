/**
 * Expected failures, each a class with a stable `code` (grammY's named errors are the model). HTTP maps each
 * class to its status (src/http/errors.ts); anything else is a bug: logged, and answered 500.
 */
export abstract class BaoshiError extends Error {
  abstract readonly code: string;
  override readonly name = this.constructor.name;
}

/** A guarded write that lost its race: the row was no longer as the change expected (read it again). */
export class ConflictError extends BaoshiError {
  readonly code = "changed_meanwhile";
}

/** A move the ticket's state machine does not allow from where it is. */
export class IllegalTransitionError extends BaoshiError {
  readonly code = "illegal_transition";
}

/** What a request names does not exist. */
export class NotFoundError extends BaoshiError {
  readonly code = "not_found";
}
