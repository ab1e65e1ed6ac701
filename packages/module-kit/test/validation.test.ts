import { IsOptional } from 'class-validator';
import { NotBlank, unstorableArguments, validateInput } from '../src/validation';

class NamedInput {
  @NotBlank()
  name!: string;

  @IsOptional()
  @NotBlank()
  title?: string | null;
}

const named = (name: string, title?: string | null) => Object.assign(new NamedInput(), { name, title });
const refusal = async (input: NamedInput) => validateInput(input).then(
  () => 'accepted',
  (error: { extensions: { code: string; validationErrors: string[] } }) => [error.extensions.code, ...error.extensions.validationErrors].join(' | '),
);

describe('text input checks', () => {
  it('names the argument path of every NUL and lone surrogate, in nested inputs and lists', () => {
    const args = { first: 10, input: { name: 'ok 🚀', when: new Date(0), steps: [{ note: 'a\u0000b' }, { note: 'fine' }], tags: ['\uDBFF'] } };
    expect(unstorableArguments(args)).toEqual(['input.steps[0].note must not contain a NUL character (U+0000)', 'input.tags[0] must not contain a lone UTF-16 surrogate']);
    expect(unstorableArguments({ input: { name: 'Zoë 😀', empty: '' }, after: null })).toEqual([]);
  });

  it('refuses names of white space or invisible characters only, and keeps other names as they are', async () => {
    for (const blank of ['', '   ', '\t\n', '\u00A0\u3000', '\u200B\u200D\uFEFF']) {
      expect(await refusal(named(blank))).toBe('BAD_USER_INPUT | name must not be blank (white space only)');
    }
    expect(await refusal(named(' Ada '))).toBe('accepted');
    expect(await refusal(named('李', null))).toBe('accepted');
    expect(await refusal(named('Ada', ' '))).toBe('BAD_USER_INPUT | title must not be blank (white space only)');
  });
});
