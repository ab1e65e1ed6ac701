import type { GraphClient, SeededCorp } from './hub';

/** Creates departments through the graph: [id, name, parentId]. */
export async function createDepartments(hub: GraphClient, corp: SeededCorp, tree: [string, string, string | null][]): Promise<void> {
  for (const [id, name, parentId] of tree) {
    const response = await hub.request(`mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { id } }`, {
      token: corp.adminToken,
      variables: { input: { id, name, parentId } },
    });
    if (response.errors) throw new Error(`createDepartment ${id}: ${JSON.stringify(response.errors)}`);
  }
}

/** Adds a person in identity, then hires them in the directory: the flow every client follows. */
export async function hire(hub: GraphClient, corp: SeededCorp, displayName: string, input: Record<string, unknown> = {}): Promise<string> {
  const added = await hub.request(`mutation($name: String!) { addPerson(input: { displayName: $name }) { unionId } }`, {
    token: corp.adminToken,
    variables: { name: displayName },
  });
  if (added.errors) throw new Error(`addPerson ${displayName}: ${JSON.stringify(added.errors)}`);
  const unionId = added.data!.addPerson.unionId as string;
  const hired = await hub.request(`mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { unionId } }`, {
    token: corp.adminToken,
    variables: { input: { unionId, displayName, ...input } },
  });
  if (hired.errors) throw new Error(`hireEmployee ${displayName}: ${JSON.stringify(hired.errors)}`);
  return unionId;
}
