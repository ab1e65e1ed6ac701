import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { errors, type ErrorCode } from '@corphub/module-kit/core';
import { GraphQLError, Kind, visit, type ArgumentNode, type DocumentNode, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from '../gateway-config';

/** A refused query answers 400 with its own code; `limit` tells the client what the gateway allows. */
function limitError(code: ErrorCode, message: string, limit: number): GraphQLError {
  return errors[code](message, { limit, http: { status: 400 } });
}

/** GraphQL Armor's validation rules, each reporting its own code instead of a generic validation failure. */
function armorRule(code: ErrorCode, limit: number, rule: (options: object) => ValidationRule): ValidationRule {
  return rule({
    n: limit,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(limitError(code, error.message.replace(/^Syntax Error: /, ''), limit))],
  });
}

/** The arguments whose values the estimators read (`pageSizeEstimator`): a change there changes the cost. */
const COST_ARGUMENTS = new Set(['first', 'last']);
/** Directives whose `if:` decides whether a selection is counted at all. */
const CONDITIONAL_DIRECTIVES = new Set(['include', 'skip']);

/** A list field's selection is fetched `first` (or `last`) times; every other field costs 1. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  if (size === undefined) return undefined;
  return 1 + Math.max(size, 0) * childComplexity;
};

// graphql-js 16 says "more that N tokens" (sic); 17 may fix the typo
const TOKEN_LIMIT_MESSAGE = /Document contains more \w+ \d+ tokens/;

const costVariablesOf = new WeakMap<DocumentNode, string[]>();

/**
 * The variables a document's cost depends on: those given to a `first`/`last` argument or to the `if:` of
 * `@include`/`@skip`. Any other variable (a cursor, an id, a filter) leaves the cost as it was.
 */
function costVariables(document: DocumentNode): string[] {
  let names = costVariablesOf.get(document);
  if (!names) {
    const found = new Set<string>();
    const collect = (arguments_: readonly ArgumentNode[] | undefined, counted: (name: string) => boolean) => {
      for (const argument of arguments_ ?? []) {
        if (argument.value.kind === Kind.VARIABLE && counted(argument.name.value)) found.add(argument.value.name.value);
      }
    };
    visit(document, {
      Field: (field) => collect(field.arguments, (name) => COST_ARGUMENTS.has(name)),
      Directive: (directive) => collect(directive.arguments, () => CONDITIONAL_DIRECTIVES.has(directive.name.value)),
    });
    costVariablesOf.set(document, (names = [...found].sort()));
  }
  return names;
}

/**
 * What a request's cost is cached under, beside its document: the operation and the values of the
 * variables the cost depends on, so pages after different cursors share one computation.
 */
export function costCacheKey(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): string {
  // an object, not an array: a variable left out (its default applies) stays apart from one sent as null
  return `${operationName ?? ''}\n${JSON.stringify(Object.fromEntries(costVariables(document).map((name) => [name, variables?.[name]])))}`;
}

export interface QueryLimitsSetup {
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  plugin: ApolloServerPlugin;
}

/**
 * Depth, aliases and directives are GraphQL Armor validation rules; tokens are graphql-js's own parser
 * limit (the parser stops early); cost is graphql-query-complexity, which needs the request's variables
 * (`first: $n`), so it runs once the operation is resolved. All of them refuse before query planning,
 * so no subgraph is called. The body size limit is the HTTP layer's (see gateway.ts).
 */
export function useQueryLimits(limits: QueryLimits): QueryLimitsSetup {
  // Apollo Server hands out one parsed document per query text (its document store, renewed with the
  // schema), so a document's cost per operation and cost variables is computed once, not on every request
  const costs = new WeakMap<DocumentNode, LRUCache<string, number>>();
  return {
    validationRules: [
      armorRule('QUERY_TOO_DEEP', limits.maxDepth, maxDepthRule),
      armorRule('TOO_MANY_ALIASES', limits.maxAliases, maxAliasesRule),
      armorRule('TOO_MANY_DIRECTIVES', limits.maxDirectives, maxDirectivesRule),
    ],
    parseOptions: { maxTokens: limits.maxTokens },
    plugin: {
      async requestDidStart() {
        return {
          async didEncounterErrors(requestContext) {
            // graphql-js aborted parsing at the token limit: say so with our code (the array is what gets sent)
            const found = requestContext.errors;
            found.forEach((error, index) => {
              if (error.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(error.message)) {
                (found as GraphQLError[])[index] = limitError('TOO_MANY_TOKENS', `Query has more than ${limits.maxTokens} tokens`, limits.maxTokens);
              }
            });
          },
          async didResolveOperation({ document, operationName, request, schema }) {
            let known = costs.get(document);
            if (!known) costs.set(document, (known = new LRUCache<string, number>({ max: 500 })));
            const key = costCacheKey(document, operationName, request.variables);
            let cost = known.get(key);
            if (cost === undefined) {
              try {
                cost = getComplexity({
                  schema,
                  query: document,
                  operationName: operationName ?? undefined,
                  variables: request.variables,
                  estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
                });
              } catch {
                return; // bad variables: execution reports them with their own code
              }
              known.set(key, cost);
            }
            if (cost > limits.maxCost) {
              throw limitError('QUERY_TOO_COSTLY', `Query cost ${cost} is over the limit of ${limits.maxCost} (a list field counts its selection \`first\` times)`, limits.maxCost);
            }
          },
        };
      },
    },
  };
}
