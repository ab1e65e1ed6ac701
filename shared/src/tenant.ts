import { Filter, Property, type EntityManager, type EventSubscriber, type FlushEventArgs, ChangeSetType } from '@mikro-orm/core';

/** The MikroORM filter that scopes every read to the caller's corp. */
export const CORP_FILTER = 'corp';

export interface CorpFilterParams {
  corpId: string;
}

/** The corp the entity manager acts for, as set from the verified context; throws when none was set. */
export function corpIdOf(em: EntityManager): string {
  const params = em.getFilterParams<CorpFilterParams>(CORP_FILTER);
  if (!params?.corpId) throw new Error('No corp in scope: fork the entity manager with scopeToCorp() first');
  return params.corpId;
}

/** Scopes an entity manager (normally a fresh per-request fork) to one corp, for reads and writes. */
export function scopeToCorp<T extends EntityManager>(em: T, corpId: string): T {
  em.setFilterParams(CORP_FILTER, { corpId } satisfies CorpFilterParams);
  return em;
}

/**
 * Every tenant row extends this. Reads get `corpId = :corp` through the default filter (and fail
 * closed when no corp was set); creates get the corp from the scoped entity manager. So no resolver
 * passes corpId by hand and none can forget it.
 */
@Filter({ name: CORP_FILTER, cond: (params: CorpFilterParams) => ({ corpId: params.corpId }), default: true })
export abstract class CorpScoped {
  @Property({ type: 'string', length: 64, index: true, onCreate: (_entity: object, em: EntityManager) => corpIdOf(em) })
  corpId!: string;
}

/** Refuses a flush that would write a row into another corp or move a row between corps. */
export class CorpScopeGuard implements EventSubscriber {
  onFlush({ em, uow }: FlushEventArgs): void {
    for (const changeSet of uow.getChangeSets()) {
      if (!(changeSet.entity instanceof CorpScoped)) continue;
      if (changeSet.type === ChangeSetType.CREATE && changeSet.entity.corpId !== corpIdOf(em)) {
        throw new Error(`Refused to create ${changeSet.name} in corp ${changeSet.entity.corpId} from corp ${corpIdOf(em)}`);
      }
      if (changeSet.type === ChangeSetType.UPDATE && 'corpId' in changeSet.payload) {
        throw new Error(`Refused to move ${changeSet.name} to another corp`);
      }
    }
  }
}
