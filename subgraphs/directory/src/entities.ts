import { OutboxEvent } from '@corphub/module-kit';
import { Department, DepartmentLink } from './departments/department.entity';
import { Employee, EmployeeTag, Membership } from './employees/employee.entity';
import { Tag } from './tags/tag.entity';

export const entities = [Department, DepartmentLink, Employee, Membership, Tag, EmployeeTag, OutboxEvent];
