import { employeeStub } from '@corphub/module-kit';

/** The directory's Employee, which logs extends with `workLogs`. */
export const EmployeeStub = employeeStub();
export type EmployeeStub = InstanceType<typeof EmployeeStub>;

export { employeeRef } from '@corphub/module-kit';
