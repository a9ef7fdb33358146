import type { FastifyReply } from "fastify";
import type { z } from "zod";
import {
  FieldRefusedError,
  AlreadyExistsError,
  ConflictError,
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  type BaoshiError,
} from "../core/errors.js";

/** The HTTP status of each expected failure. */
export function statusOf(err: BaoshiError): number {
  if (err instanceof ConflictError || err instanceof IllegalTransitionError || err instanceof AlreadyExistsError) return 409;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof FieldRefusedError) return 422;
  // (InvalidRequestError and the rest: what was asked cannot be done as it is)
  return 400;
}

/** Stable error codes with a message saying what is wrong. */
export function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

/** Parses with zod or answers 400 naming the field and the problem. */
export function parseOr400<T>(schema: z.ZodType<T>, input: unknown, reply: FastifyReply): T | undefined {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join(".") || "body";
  void sendError(reply, 400, "invalid_input", `${field}: ${issue.message}`);
  return undefined;
}
