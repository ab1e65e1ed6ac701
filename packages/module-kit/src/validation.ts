import { buildMessage, validate, ValidateBy, type ValidationError, type ValidationOptions } from 'class-validator';
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

/** With the `u` flag a surrogate pair is one code point: only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why a string can be stored as text by no database of ours, or null when it can: a NUL (PostgreSQL refuses
 * it in text) or a lone UTF-16 surrogate (not Unicode: no encoding stores it).
 */
export function unstorableText(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate';
  return null;
}

/**
 * Every string in a field's arguments (input objects and lists included) that no database can store, as
 * `<path> <why>` (`input.displayName must not contain a NUL character (U+0000)`).
 */
export function unstorableArguments(args: Record<string, unknown>): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      const why = unstorableText(value);
      if (why) found.push(`${path} ${why}`);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`));
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
    }
  };
  for (const [name, value] of Object.entries(args)) walk(value, name);
  return found;
}

/** Refuses a field's arguments with BAD_USER_INPUT naming each string no database can store. */
export function checkArgumentText(args: Record<string, unknown>): void {
  const messages = unstorableArguments(args);
  if (messages.length > 0) throw errors.BAD_USER_INPUT(`Invalid input: ${messages.join('; ')}`, { validationErrors: messages });
}

/** Something other than white space (Unicode White_Space) or invisible format characters (zero-width space, joiners). */
const VISIBLE = /[^\s\p{Cf}]/u;

/**
 * For names and titles: a string with no character but white space or invisible format characters
 * ("   ", a no-break space, a zero-width space) is refused. Other strings are left as they are (not trimmed);
 * the length and whether it is required are other decorators' business.
 */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'notBlank',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || VISIBLE.test(value),
        defaultMessage: buildMessage((each) => `${each}$property must not be blank (white space only)`, options),
      },
    },
    options,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id is a UUID, as the rows' `randomUUID()` keys are: anything else names no row, and is not looked up. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
