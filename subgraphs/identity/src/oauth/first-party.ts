import type { EntityManager } from '@mikro-orm/core';
import { Role } from '@corphub/module-kit';
import { Person } from '../people/person.entity';

/**
 * The hub's own browser apps: public clients (RFC 6749 §2.1) of the hub's sign-in, with no secret and PKCE S256
 * required. Every corp has them (no installation, no openIds: their tokens name the person by UnionID). Their
 * redirect URIs live under the hub's public URL, which identity does not know: the gateway checks them.
 */
export const FIRST_PARTY_CLIENTS: Record<string, { name: string; vendor: string }> = {
  'corphub-console': { name: 'Corphub console', vendor: 'Corphub' },
};

export const isFirstPartyClient = (clientId: string): boolean => Object.hasOwn(FIRST_PARTY_CLIENTS, clientId);

/**
 * The role a person's first-party sign-in token carries. Until admin roles are recorded, the corp's first person
 * (the one who set the corp up; first on the sign-in page) is its admin and everyone else an employee.
 */
export async function signInRole(em: EntityManager, unionId: string): Promise<Role> {
  const [first] = await em.find(Person, {}, { orderBy: { createdAt: 'asc', unionId: 'asc' }, limit: 1, fields: ['unionId'] });
  return first?.unionId === unionId ? Role.ADMIN : Role.EMPLOYEE;
}
