import type { EntityManager } from '@mikro-orm/core';
import { callerRoleOf, type Role } from '@corphub/module-kit';
import { AdminRoleAssignment } from '../admin-roles/admin-role.entity';

/**
 * The hub's own browser apps: public clients (RFC 6749 §2.1) of the hub's sign-in, with no secret and PKCE S256
 * required. Every corp has them (no installation, no openIds: their tokens name the person by UnionID). Their
 * redirect URIs live under the hub's public URL, which identity does not know: the gateway checks them.
 */
export const FIRST_PARTY_CLIENTS: Record<string, { name: string; vendor: string }> = {
  'corphub-console': { name: 'Corphub console', vendor: 'Corphub' },
};

export const isFirstPartyClient = (clientId: string): boolean => Object.hasOwn(FIRST_PARTY_CLIENTS, clientId);

/** The role (and department) a person's first-party sign-in token carries: their recorded admin role, else employee. */
export async function signInRole(em: EntityManager, unionId: string): Promise<{ role: Role; department?: string }> {
  return callerRoleOf(await em.findOne(AdminRoleAssignment, { unionId }));
}
