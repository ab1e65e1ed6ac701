import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type * as MikroOrm from '@mikro-orm/core';

/**
 * The error codes Corphub answers with, in `extensions.code`. One registry so that clients,
 * docs and tests agree on the vocabulary.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: { description: 'The request is well-formed but an argument or input field is invalid.' },
  UNAUTHENTICATED: { description: 'No valid token: missing, malformed, wrongly signed or expired.' },
  FORBIDDEN: { description: 'The caller is known but their role may not do this.' },
  MODULE_NOT_INSTALLED: {
    description:
      "A kind of FORBIDDEN: the field belongs to a module (app) the caller's corp has not installed; `module` names it. The rest of the query still answers.",
  },
  NOT_FOUND: { description: "The object does not exist in the caller's corp (another corp's object is NOT_FOUND too)." },
  CONFLICT: { description: 'The change clashes with the current state (duplicate, stale version, lost race).' },
  SCHEMA_CHECK_FAILED: {
    description: 'A subgraph publish was refused: it does not compose, or it breaks clients (`compositionErrors`, `breakingChanges`, `table`).',
  },
  NOT_CONFIGURED: {
    description:
      "The module cannot call the hub: its app credentials are missing or refused (a vendor module's CORPHUB_APP_SECRET); its operator fixes the configuration.",
  },
  RATE_LIMITED: { description: 'Too many requests of this kind from this caller for now; `retryAfterSeconds` says when to try again.' },
  INTERNAL_SERVER_ERROR: { description: 'Something failed on our side; the details are in the server log under the request id.' },
  // refused by the gateway before any subgraph is called (limits are set by env, see the README)
  QUERY_TOO_DEEP: { description: 'The operation nests fields deeper than the gateway allows.' },
  TOO_MANY_ALIASES: { description: 'The operation uses more aliases than the gateway allows.' },
  QUERY_TOO_COSTLY: { description: "The operation's estimated cost (list fields count `first` times) is over the gateway's limit." },
  TOO_MANY_TOKENS: { description: 'The query document is longer (in tokens) than the gateway allows.' },
  TOO_MANY_DIRECTIVES: { description: 'The operation uses more directives than the gateway allows.' },
  REQUEST_TOO_LARGE: { description: 'The HTTP request body is larger than the gateway allows.' },
  OPERATION_NOT_REGISTERED: { description: 'The gateway answers only registered (persisted) operations, and this one is not.' },
  // answered by the gateway alongside the data of the subgraphs that did answer
  SUBGRAPH_UNAVAILABLE: { description: 'A subgraph could not be reached or failed; `serviceName` names it; other fields still have data.' },
  SUBGRAPH_TIMEOUT: { description: 'A subgraph did not answer in time; `serviceName` names it; other fields still have data.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

type ErrorFactory = (message: string, extensions?: Record<string, unknown>) => GraphQLError;

function errorFactory(code: ErrorCode): ErrorFactory {
  return (message, extensions) =>
    new GraphQLError(message, {
      extensions: { ...extensions, code },
    });
}

export const errors = Object.fromEntries(
  (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => [code, errorFactory(code)]),
) as Record<ErrorCode, ErrorFactory>;

export function errorCodeOf(error: unknown): string | undefined {
  return error instanceof GraphQLError ? (error.extensions?.code as string | undefined) : undefined;
}

function isClientStatus(http: unknown): boolean {
  const status = (http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

type OrmErrorClasses = Pick<typeof MikroOrm, 'NotFoundError' | 'UniqueConstraintViolationException'>;
let ormErrorClasses: OrmErrorClasses | undefined;

/**
 * MikroORM's error classes, loaded on the first unexpected error rather than with this file: the gateway imports
 * the errors (module-kit/core) but has no ORM, and would otherwise load MikroORM's core at start for two classes.
 */
function ormErrors(): OrmErrorClasses {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (ormErrorClasses ??= require('@mikro-orm/core') as OrmErrorClasses);
}

/**
 * Keeps errors that carry a code of their own (ours, Apollo's validation and parse errors,
 * type-graphql's argument validation); anything else is an unexpected throw: it is logged with
 * the request id by the caller-supplied `logUnexpected`, and answered without its message, SQL or stack.
 */
export function createFormatError(logUnexpected: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    // a thrown Error that is not a GraphQLError is a bug or an outage; errors relayed by the gateway
    // from a subgraph arrive as plain objects, already formatted by that subgraph
    const isOwnGraphQLError = !(original instanceof Error) || original instanceof GraphQLError;
    const { http: _http, stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    // a validation rule's own code (e.g. QUERY_TOO_DEEP) wins over Apollo's generic GRAPHQL_VALIDATION_FAILED
    const code = (original instanceof GraphQLError && original.extensions?.code) || extensions.code;
    if (isOwnGraphQLError && code && code !== 'INTERNAL_SERVER_ERROR') {
      return { ...formatted, extensions: { ...extensions, code } };
    }
    // Apollo's own refusals of a malformed request (e.g. an APQ hash that does not match its query) have no code
    if (error instanceof GraphQLError && !error.originalError && isClientStatus(error.extensions?.http)) {
      return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    }
    const { NotFoundError, UniqueConstraintViolationException } = ormErrors();
    // a unique index is how a lost race (two creates of one key) surfaces: it is the caller's conflict
    if (original instanceof UniqueConstraintViolationException) {
      return { message: 'A record with the same unique key already exists', path: formatted.path, extensions: { code: 'CONFLICT' } };
    }
    if (original instanceof NotFoundError) {
      return { message: 'Not found', path: formatted.path, extensions: { code: 'NOT_FOUND' } };
    }
    logUnexpected(original ?? error);
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
