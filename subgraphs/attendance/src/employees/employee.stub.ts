import { employeeStub } from '@corphub/module-kit';

/** The directory's Employee, extended here with attendance fields (by UnionID). */
export const EmployeeStub = employeeStub();
export type EmployeeStub = InstanceType<typeof EmployeeStub>;
