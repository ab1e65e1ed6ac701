import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { errors, Role } from '@corphub/module-kit';
import { Tag } from './tag.entity';
import { Employee, EmployeeTag } from '../employees/employee.entity';
import { assignTag, findEmployee, findTag } from '../employees/employee.service';
import { recordEmployeeEvent } from '../events/event.record';
import { CreateTagInput, TagAssignmentArgs } from './tag.inputs';
import type { DirectoryContext } from '../context';

@Resolver(() => Tag)
export class TagResolver {
  @Query(() => [Tag], { description: "The corp's tags by name." })
  async tags(@Ctx() { em }: DirectoryContext): Promise<Tag[]> {
    return em.find(Tag, {}, { orderBy: { name: 'asc' } });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Tag, { description: 'Creates a tag (names are unique in the corp).' })
  async createTag(@Arg('input', () => CreateTagInput) input: CreateTagInput, @Ctx() { em }: DirectoryContext): Promise<Tag> {
    return em.transactional(async (tx) => {
      if (await tx.count(Tag, { name: input.name })) throw errors.CONFLICT(`Tag "${input.name}" already exists`);
      const tag = new Tag(input.name);
      tx.persist(tag);
      return tag;
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Employee, { description: 'Puts a tag on an employee (already there: nothing changes).' })
  async assignTag(@Args(() => TagAssignmentArgs) { unionId, tag }: TagAssignmentArgs, @Ctx() { em }: DirectoryContext): Promise<Employee> {
    return em.transactional(async (tx) => {
      const employee = await findEmployee(tx, unionId);
      // a tag can bring the employee into (or out of) an app's scope: apps hear of it like any other change
      if (await assignTag(tx, employee, await findTag(tx, tag))) recordEmployeeEvent(tx, 'employee.changed', employee);
      return employee;
    });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Employee, { description: 'Takes a tag off an employee (not there: nothing changes).' })
  async unassignTag(@Args(() => TagAssignmentArgs) { unionId, tag }: TagAssignmentArgs, @Ctx() { em }: DirectoryContext): Promise<Employee> {
    return em.transactional(async (tx) => {
      const employee = await findEmployee(tx, unionId);
      const found = await findTag(tx, tag);
      if (await tx.nativeDelete(EmployeeTag, { employee: employee.key, tag: found.key })) recordEmployeeEvent(tx, 'employee.changed', employee);
      return employee;
    });
  }
}
