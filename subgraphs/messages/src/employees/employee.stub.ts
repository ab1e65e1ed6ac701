import { employeeStub } from '@corphub/module-kit';

/** The directory's Employee, which messages extends with `unreadMessageCount`. */
export const EmployeeStub = employeeStub();
export type EmployeeStub = InstanceType<typeof EmployeeStub>;
export { employeeRef } from '@corphub/module-kit';
