import { buildFederatedSchema } from '@corphub/module-kit';
import { DepartmentResolver } from './departments/department.resolver';
import { EmployeeResolver, PersonResolver } from './employees/employee.resolver';
import { TagResolver } from './tags/tag.resolver';
import { canSee } from './employees/employee.service';
import type { DirectoryContext } from './context';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [DepartmentResolver, EmployeeResolver, PersonResolver, TagResolver],
    references: {
      Employee: async (ref: { unionId: string }, { auth, loaders }: DirectoryContext) => {
        const employee = await loaders.employeeByUnionId.load(ref.unionId);
        return employee && canSee(auth, employee) ? employee : null;
      },
      Department: (ref: { id: string }, { loaders }: DirectoryContext) => loaders.departmentById.load(ref.id),
      Person: (ref: { unionId: string }) => ({ unionId: ref.unionId }),
    },
  });
}
