import { validate, type ValidationError } from 'class-validator';
import { errors } from './errors';

function describe(validationErrors: ValidationError[], prefix = ''): string[] {
  return validationErrors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? `${prefix}${message}` : `${field}: ${message}`,
    );
    return [...own, ...describe(error.children ?? [], `${field}.`)];
  });
}

/**
 * type-graphql's `validateFn`: validates input and args classes with class-validator and answers
 * BAD_USER_INPUT naming each broken field, so a client knows what to fix.
 */
export async function validateInput(value: unknown): Promise<void> {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (item === null || typeof item !== 'object') continue;
    const failures = await validate(item, { forbidUnknownValues: false, validationError: { target: false, value: false } });
    if (failures.length > 0) {
      const messages = describe(failures);
      throw errors.BAD_USER_INPUT(`Invalid input: ${messages.join('; ')}`, { validationErrors: messages });
    }
  }
}
