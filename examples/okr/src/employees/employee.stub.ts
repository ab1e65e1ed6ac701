import { employeeStub } from '@corphub/module-kit';

/** The directory's Employee, extended by this module with the objective list of each employee (by UnionID, never by a row id). */
export const EmployeeStub = employeeStub();
export type EmployeeStub = InstanceType<typeof EmployeeStub>;
