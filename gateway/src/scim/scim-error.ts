/** SCIM's own error shape (RFC 7644 §3.12): every failure of /scim/v2 is answered with one of these. */
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType = 'invalidFilter' | 'invalidValue' | 'invalidPath' | 'invalidSyntax' | 'noTarget' | 'uniqueness' | 'mutability' | 'tooMany';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
  }

  toJSON() {
    return { schemas: [ERROR_SCHEMA], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.message };
  }
}

export const badRequest = (message: string, scimType: ScimType = 'invalidValue') => new ScimError(400, message, scimType);
export const notFound = (message: string) => new ScimError(404, message);

/** Our GraphQL error codes, as SCIM statuses. */
export function fromGraphQLCode(code: string | undefined, message: string): ScimError {
  switch (code) {
    case 'BAD_USER_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED':
      return badRequest(message);
    case 'UNAUTHENTICATED':
      return new ScimError(401, message);
    case 'FORBIDDEN':
      return new ScimError(403, message);
    case 'NOT_FOUND':
      return notFound(message);
    case 'CONFLICT':
      return new ScimError(409, message, 'uniqueness');
    default:
      return new ScimError(500, 'Internal server error');
  }
}

/** The HTTP status an error thrown outside our handlers carries (body-parser's 413, say), else 500. */
export function errorCodeStatus(error: unknown): number {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
