import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { OkrContext } from '../context';
import { KeyResult } from './key-result.entity';
import { AddKeyResultInput, UpdateProgressInput } from './key-result.inputs';
import { addKeyResult, updateKeyResultProgress } from './key-result.service';

@Resolver(() => KeyResult)
export class KeyResultResolver {
  @Mutation(() => KeyResult, { description: "Adds a key result to an objective (its owner's, an admin's or the OKR app's)." })
  async addKeyResult(@Arg('input', () => AddKeyResultInput) input: AddKeyResultInput, @Ctx() { em, auth }: OkrContext): Promise<KeyResult> {
    return addKeyResult(em, auth, input);
  }

  @Mutation(() => KeyResult, { description: 'Sets how far a key result is done.' })
  async updateKeyResultProgress(@Arg('input', () => UpdateProgressInput) input: UpdateProgressInput, @Ctx() { em, auth }: OkrContext): Promise<KeyResult> {
    return updateKeyResultProgress(em, auth, input);
  }
}
