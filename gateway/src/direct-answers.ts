import { trace } from '@opentelemetry/api';
import type { GraphQLDataSourceProcessOptions, ServiceMap } from '@apollo/gateway';
// not re-exported by the package's index
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import { Kind, OperationTypeNode, parse, print, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/** What Apollo Gateway hands executeQueryPlan about the caller's operation (its OperationContext). */
interface OperationContext {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
}

/** The caller's request as Apollo Gateway hands it to a plan's fetches. */
type RequestContext = Extract<GraphQLDataSourceProcessOptions, { incomingRequestContext: unknown }>['incomingRequestContext'];

type ExecuteQueryPlan = (
  queryPlan: QueryPlan,
  serviceMap: ServiceMap,
  requestContext: RequestContext,
  operationContext: OperationContext,
  ...rest: unknown[]
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly unknown[]; extensions?: Record<string, unknown> }>;

/** The one fetch of a plan whose answer is already the caller's answer, with its document. */
interface DirectFetch {
  fetch: FetchNode;
  document: DocumentNode;
}

/**
 * The plan's only fetch, when the subgraph's answer needs no shaping: a query answered by one subgraph in one
 * fetch (no entities, no rewrites, no @defer) that selects exactly what the caller selected, without fragments
 * or `__typename` (which shaping may rewrite, for interface objects). Null for any other plan.
 */
export function directFetchOf(queryPlan: QueryPlan, operationContext: OperationContext): DirectFetch | null {
  const fetch = queryPlan.node;
  if (fetch?.kind !== 'Fetch' || fetch.operationKind !== OperationTypeNode.QUERY || operationContext.operation.operation !== OperationTypeNode.QUERY) return null;
  if (fetch.requires || fetch.id || fetch.hasDefers || fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length) return null;
  if (Object.keys(operationContext.fragments).length > 0) return null;
  const document = fetch.operationDocumentNode ?? parse(fetch.operation);
  const [sent, ...others] = document.definitions;
  if (others.length > 0 || sent?.kind !== Kind.OPERATION_DEFINITION) return null;
  const selections = print(sent.selectionSet);
  if (selections.includes('__typename') || selections !== print(operationContext.operation.selectionSet)) return null;
  return { fetch, document };
}

/**
 * Apollo Gateway shapes every answer: it builds an Operation from the caller's document and walks the merged
 * data once more to copy it into the caller's selection (executeQueryPlan: operationFromDocument, deepMerge,
 * computeResponse), a visible share of its CPU on lists. When a plan is one fetch that selects exactly what the
 * caller asked (directFetchOf), a clean answer of the subgraph is already that answer: it is returned as it
 * came. An answer with errors, a failed fetch and every other plan go through Apollo's own execution, given
 * the answer already received, so errors, partial data and codes stay Apollo's. With OpenTelemetry on, or
 * Apollo's traces asked for, Apollo executes as always (its spans and trace nodes).
 */
function answerDirectly(apolloExecute: ExecuteQueryPlan): ExecuteQueryPlan {
  const directFetches = new WeakMap<QueryPlan, DirectFetch | null>();
  return async (queryPlan, serviceMap, requestContext, operationContext, ...rest) => {
    let direct = directFetches.get(queryPlan);
    if (direct === undefined) {
      direct = directFetchOf(queryPlan, operationContext);
      directFetches.set(queryPlan, direct);
    }
    const service = direct && serviceMap[direct.fetch.serviceName];
    if (!direct || !service || requestContext.metrics?.captureTraces || trace.getActiveSpan()?.isRecording()) {
      return apolloExecute(queryPlan, serviceMap, requestContext, operationContext, ...rest);
    }
    const { fetch, document } = direct;
    // the variables the fetch uses, as Apollo's executeFetch picks them
    const given = requestContext.request.variables ?? {};
    const variables = Object.create(null) as Record<string, unknown>;
    for (const name of fetch.variableUsages ?? []) if (Object.hasOwn(given, name) && given[name] !== undefined) variables[name] = given[name];
    let answer: Awaited<ReturnType<typeof service.process>> | undefined;
    let failure: Error | undefined;
    try {
      answer = await service.process({
        kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
        request: { query: fetch.operation, variables, operationName: fetch.operationName },
        incomingRequestContext: requestContext,
        context: requestContext.context,
        document,
        pathInIncomingRequest: [],
      });
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    const data = answer?.data;
    if (answer && !answer.errors?.length && typeof data === 'object' && data !== null) return { data };
    const received = answer;
    const replay = { process: () => (received ? Promise.resolve(received) : Promise.reject(failure ?? new Error('No answer'))) };
    return apolloExecute(queryPlan, { ...serviceMap, [fetch.serviceName]: replay }, requestContext, operationContext, ...rest);
  };
}

/**
 * Puts answerDirectly in front of Apollo Gateway's executeQueryPlan, which its executor calls through the
 * module's exports on every request. Once per process; idempotent.
 */
export function installDirectAnswers(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const executeQueryPlanModule = require('@apollo/gateway/dist/executeQueryPlan') as { executeQueryPlan: ExecuteQueryPlan & { direct?: true } };
  if (executeQueryPlanModule.executeQueryPlan.direct) return;
  executeQueryPlanModule.executeQueryPlan = Object.assign(answerDirectly(executeQueryPlanModule.executeQueryPlan), { direct: true as const });
}
