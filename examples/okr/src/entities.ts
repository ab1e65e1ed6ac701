import { Objective } from './objectives/objective.entity';
import { KeyResult } from './key-results/key-result.entity';

export const entities = [Objective, KeyResult];
