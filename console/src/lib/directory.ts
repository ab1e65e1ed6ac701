import { useQuery } from 'urql';
import { graphql } from '../gql';

const DepartmentOptionsQuery = graphql(`
  query DepartmentOptions {
    departments {
      id
      name
      depth
    }
  }
`);

const ManagerOptionsQuery = graphql(`
  query ManagerOptions {
    employees(first: 500, filter: { status: ACTIVE }) {
      nodes {
        unionId
        displayName
      }
    }
  }
`);

/** The departments the caller may see, in tree order (a department admin: their subtree). */
export function useDepartmentOptions() {
  const [result] = useQuery({ query: DepartmentOptionsQuery });
  return { departments: result.data?.departments ?? [], error: result.error };
}

/** Active employees the caller may see, to pick a manager from. */
export function useManagerOptions() {
  const [result] = useQuery({ query: ManagerOptionsQuery });
  return { managers: result.data?.employees.nodes ?? [], error: result.error };
}

/** An indented option label: the tree's depth as leading spaces. */
export const indented = (department: { name: string; depth: number }) => '\u00a0\u00a0'.repeat(department.depth) + department.name;

/** Today in the browser's calendar, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The words of a GraphQL or network error. */
export function errorWords(error: { graphQLErrors?: { message: string }[]; message: string }): string {
  return error.graphQLErrors?.length ? error.graphQLErrors.map((e) => e.message).join('; ') : error.message;
}
