import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { GatewayClient } from './gateway-client';
import type { Logger } from './logger';
import { BACKGROUND } from './orm';
import { startPoller, type Poller } from './poller';
import { scopeToCorp } from './tenant';

/** What the approvals client needs of a connection to the gateway: a GatewayClient, or a vendor's own (client credentials). */
export type GraphRequester = Pick<GatewayClient, 'request'>;

/** One step of an approval request (see `ApprovalStepInput` in the graph). */
export interface ApprovalStepSpec {
  kind: 'MANAGER_CHAIN' | 'ROLE' | 'TAG' | 'PEOPLE';
  quorum?: 'ANY' | 'ALL';
  /** MANAGER_CHAIN: levels at most (default 1). */
  depth?: number;
  /** MANAGER_CHAIN: stop at the first level whose limit covers the request's amount. */
  limits?: { level: number; amountMinor: number }[];
  /** ROLE: a job title. */
  role?: string;
  /** TAG: a tag name. */
  tag?: string;
  /** PEOPLE: the approvers. */
  unionIds?: string[];
}

/** What a module asks to have approved (see `RequestApprovalInput`). */
export interface ApprovalAsk {
  subjectType: string;
  subjectId: string;
  requesterUnionId: string;
  title: string;
  summary?: string;
  amountMinor?: number;
  currency?: string;
  /** Where the module shows the subject (a path); the approvers' and requester's messages link there. */
  link?: string;
  steps: ApprovalStepSpec[];
}

/** An approver's decision, made through the module (see `DecideApprovalInput`). */
export interface ApprovalDecision {
  id: string;
  /** The request's version the decider read. */
  version: number;
  decision: 'APPROVE' | 'REJECT' | 'SEND_BACK' | 'TRANSFER';
  comment?: string | null;
  transferTo?: string;
  /** Hub modules: the approver, whose verified context the module holds. */
  onBehalfOf?: string;
}

/** One entry of a request's history. */
export interface ApprovalHistoryEntry {
  action: 'REQUESTED' | 'APPROVED' | 'REJECTED' | 'SENT_BACK' | 'TRANSFERRED' | 'WITHDRAWN';
  /** A unionId, or the app's token subject. */
  actor: string;
  comment: string | null;
  /** The request's version after this entry. */
  version: number;
}

export type ApprovalOutcomeStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'SENT_BACK' | 'WITHDRAWN';

/** A request as a module follows it. */
export interface ApprovalState {
  id: string;
  subjectType: string;
  subjectId: string;
  status: ApprovalOutcomeStatus;
  version: number;
  decidedAt: string | null;
  /** The last history entry's comment (a rejection's or send-back's reason). */
  comment: string | null;
  /** Everything that happened to it, oldest first: a module mirrors the entries it has not seen yet. */
  history: ApprovalHistoryEntry[];
}

const STATE = /* GraphQL */ `id subjectType subjectId status version decidedAt history { action actor comment version }`;
type StateAnswer = Omit<ApprovalState, 'comment'>;
const stateOf = (answer: StateAnswer): ApprovalState => ({ ...answer, comment: answer.history.at(-1)?.comment ?? null });

/** How many ids one `approvalRequests(ids:)` call asks. */
const IDS_PER_CALL = 100;

/**
 * A module's side of the hub's approvals service (the approvals subgraph), through the gateway with the
 * module's app token: a hub module's service token naming its app (`new GatewayClient({ service, appId,
 * ... })`), or a vendor's client-credentials token. The outcome comes back as an `approval.decided` webhook
 * (vendors) or through `followApprovals` (hub modules, or a vendor without a public webhook URL).
 */
export class ApprovalsClient {
  constructor(private readonly graph: GraphRequester) {}

  /** Asks for approval; the steps are resolved from the org chart now. CONFLICT while the subject has a PENDING request. */
  async request(corpId: string, ask: ApprovalAsk, requestId?: string): Promise<ApprovalState> {
    const data = await this.graph.request<{ requestApproval: StateAnswer }>(
      corpId,
      /* GraphQL */ `mutation ModuleRequestApproval($input: RequestApprovalInput!) { requestApproval(input: $input) { ${STATE} } }`,
      { input: ask },
      requestId,
    );
    return stateOf(data.requestApproval);
  }

  /** Withdraws a PENDING request of the module (e.g. its subject was deleted). */
  async withdraw(corpId: string, id: string, version: number, reason?: string, requestId?: string): Promise<ApprovalState> {
    const data = await this.graph.request<{ withdrawApproval: StateAnswer }>(
      corpId,
      /* GraphQL */ `mutation ModuleWithdrawApproval($id: ID!, $version: Int!, $reason: String) { withdrawApproval(id: $id, version: $version, reason: $reason) { ${STATE} } }`,
      { id, version, reason: reason ?? null },
      requestId,
    );
    return stateOf(data.withdrawApproval);
  }

  /** An approver decides through the module; a stale version or a decision already made is CONFLICT. */
  async decide(corpId: string, decision: ApprovalDecision, requestId?: string): Promise<ApprovalState> {
    const data = await this.graph.request<{ decideApproval: StateAnswer }>(
      corpId,
      /* GraphQL */ `mutation ModuleDecideApproval($input: DecideApprovalInput!) { decideApproval(input: $input) { ${STATE} } }`,
      { input: decision },
      requestId,
    );
    return stateOf(data.decideApproval);
  }

  /** The subjects (of one type) of the module's PENDING requests whose current step waits for this person, every page. */
  async subjectsAwaiting(corpId: string, unionId: string, subjectType: string, requestId?: string): Promise<string[]> {
    const subjects: string[] = [];
    let after: string | null = null;
    for (;;) {
      const data: { approvalRequests: { nodes: { subjectId: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await this.graph.request(
        corpId,
        /* GraphQL */ `query ModuleApprovalsAwaiting($unionId: ID!, $subjectType: String!, $after: String) {
          approvalRequests(awaitingDecisionBy: $unionId, subjectType: $subjectType, first: ${IDS_PER_CALL}, after: $after) { nodes { subjectId } pageInfo { hasNextPage endCursor } }
        }`,
        { unionId, subjectType, after },
        requestId,
      );
      subjects.push(...data.approvalRequests.nodes.map((node) => node.subjectId));
      if (!data.approvalRequests.pageInfo.hasNextPage) return subjects;
      after = data.approvalRequests.pageInfo.endCursor;
    }
  }

  /** The current state of the module's requests, by id; an unknown id is missing from the answer. */
  async states(corpId: string, ids: readonly string[], requestId?: string): Promise<Map<string, ApprovalState>> {
    const states = new Map<string, ApprovalState>();
    for (let i = 0; i < ids.length; i += IDS_PER_CALL) {
      const chunk = ids.slice(i, i + IDS_PER_CALL);
      const data = await this.graph.request<{ approvalRequests: { nodes: StateAnswer[] } }>(
        corpId,
        /* GraphQL */ `query ModuleApprovalStates($ids: [ID!]!, $first: Int!) { approvalRequests(ids: $ids, first: $first) { nodes { ${STATE} } } }`,
        { ids: chunk, first: chunk.length },
        requestId,
      );
      for (const node of data.approvalRequests.nodes) states.set(node.id, stateOf(node));
    }
    return states;
  }
}

export interface FollowApprovalsOptions {
  orm: MikroORM;
  client: ApprovalsClient;
  logger: Logger;
  pollMs: number;
  /** The module's requests still waiting for an outcome, across corps (read with `filters: false`). */
  pending: (em: EntityManager) => Promise<{ corpId: string; approvalId: string }[]>;
  /** Applies a final outcome to the subject, in a transaction scoped to its corp; runs again after a failure. */
  apply: (tx: EntityManager, outcome: ApprovalState) => Promise<void>;
}

/**
 * How a hub module applies outcomes: each round it lists the requests it still waits on, asks approvals for
 * their state (one call per corp and 100 requests) and applies every final one in its own transaction. A
 * module may `poke()` it after a decision it knows of, and stops it with its server.
 */
export function followApprovals({ orm, client, logger, pollMs, pending, apply }: FollowApprovalsOptions): Poller {
  const run = async (): Promise<boolean> => {
    const waiting = await pending(orm.em.fork({ loggerContext: BACKGROUND }));
    const byCorp = new Map<string, string[]>();
    for (const { corpId, approvalId } of waiting) byCorp.set(corpId, [...(byCorp.get(corpId) ?? []), approvalId]);
    for (const [corpId, ids] of byCorp) {
      try {
        const states = await client.states(corpId, ids);
        for (const state of states.values()) {
          if (state.status === 'PENDING') continue;
          await scopeToCorp(orm.em.fork({ loggerContext: BACKGROUND }), corpId).transactional((tx) => apply(tx, state));
        }
      } catch (error) {
        logger.warn({ err: error, corpId, approvals: ids.length }, 'approval outcomes not applied; retrying next round');
      }
    }
    return false;
  };
  return startPoller({ name: 'approvals', intervalMs: pollMs, run, logger });
}
