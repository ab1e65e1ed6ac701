import { employeeStub } from '@corphub/shared';

/** The directory's Employee, which logs extends with `workLogs`. */
export const EmployeeStub = employeeStub();
export type EmployeeStub = InstanceType<typeof EmployeeStub>;

export { employeeRef } from '@corphub/shared';
