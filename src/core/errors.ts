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

/** What a request names does not exist (code: what, e.g. ticket_not_found). */
export class NotFoundError extends BaoshiError {
  constructor(
    message: string,
    readonly code = "not_found",
  ) {
    super(message);
  }
}

/** A request the action cannot take as it is (a hold without its reason, an unknown staff member). */
export class InvalidRequestError extends BaoshiError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** A name that must be unique is already in use (a login). */
export class AlreadyExistsError extends BaoshiError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** The role may not do this. */
export class ForbiddenError extends BaoshiError {
  readonly code = "forbidden";
}

/** A field of a form the office filled cannot be taken as it is: the field, and the same reason chat gives. */
export class FieldRefusedError extends BaoshiError {
  readonly code = "field_refused";
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}
