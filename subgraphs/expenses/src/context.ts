import type { SubgraphContext } from '@corphub/module-kit';
import type { ExpensesLoaders } from './loaders';
import type { ExpensesServices } from './services';

export type ExpensesContext = SubgraphContext<ExpensesLoaders, ExpensesServices>;
