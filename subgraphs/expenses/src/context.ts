import type { SubgraphContext } from '@corphub/module-kit';
import type { ExpensesLoaders } from './loaders';

export type ExpensesContext = SubgraphContext<ExpensesLoaders>;
