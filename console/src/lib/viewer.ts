import { useQuery } from 'urql';
import { graphql } from '../gql';

const ViewerRoleQuery = graphql(`
  query ViewerRole {
    me {
      role
      unionId
      department
    }
  }
`);

/** The signed-in caller's role: screens offer only the actions it allows (the hub enforces them regardless). */
export function useViewerRole() {
  const [result] = useQuery({ query: ViewerRoleQuery });
  const me = result.data?.me;
  return {
    role: me?.role,
    unionId: me?.unionId ?? undefined,
    isCorpAdmin: me?.role === 'ADMIN',
    managesPeople: me?.role === 'ADMIN' || me?.role === 'DEPARTMENT_ADMIN',
  };
}
