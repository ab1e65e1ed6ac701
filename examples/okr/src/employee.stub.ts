import { employeeStub } from '@corphub/module-kit';

/** The directory's Employee, extended by this module with `objectives` (by UnionID, never by a row id). */
export const EmployeeStub = employeeStub();
export type EmployeeStub = InstanceType<typeof EmployeeStub>;
