import type { SubgraphContext } from '@corphub/shared';
import type { ExpensesLoaders } from './loaders';

export type ExpensesContext = SubgraphContext<ExpensesLoaders>;
