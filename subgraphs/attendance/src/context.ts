import type { SubgraphContext } from '@corphub/module-kit';
import type { AttendanceLoaders } from './loaders';
import type { AttendanceServices } from './services';

export type AttendanceContext = SubgraphContext<AttendanceLoaders, AttendanceServices>;
