import type { EntityManager } from '@mikro-orm/core';
import { errors, type AuthContext } from '@corphub/module-kit';
import { Objective } from '../objectives/objective.entity';
import { requireWriter } from '../objectives/objective.service';
import { KeyResult } from './key-result.entity';
import type { AddKeyResultInput, UpdateProgressInput } from './key-result.inputs';

export async function addKeyResult(em: EntityManager, auth: AuthContext, input: AddKeyResultInput): Promise<KeyResult> {
  return em.transactional(async (tx) => {
    // another corp's objective is not found: the corp filter hides it
    const objective = await tx.findOne(Objective, { id: input.objectiveId });
    if (!objective) throw errors.NOT_FOUND(`Objective "${input.objectiveId}" not found`);
    requireWriter(auth, objective.ownerUnionId);
    const keyResult = new KeyResult(tx.getReference(Objective, objective.id, { wrapped: true }), input.title);
    tx.persist(keyResult);
    return keyResult;
  });
}

export async function updateKeyResultProgress(em: EntityManager, auth: AuthContext, input: UpdateProgressInput): Promise<KeyResult> {
  return em.transactional(async (tx) => {
    const keyResult = await tx.findOne(KeyResult, { id: input.keyResultId }, { populate: ['objective'] });
    if (!keyResult) throw errors.NOT_FOUND(`Key result "${input.keyResultId}" not found`);
    requireWriter(auth, keyResult.objective.getEntity().ownerUnionId);
    keyResult.progress = input.progress;
    keyResult.updatedAt = new Date();
    return keyResult;
  });
}
