import { fromGraphQLCode } from './scim-error';

interface GraphQLBody<Data> {
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * SCIM works through the graph, as any client does: the caller's own token, the gateway's own /graphql. So
 * the subgraphs behind it keep their own rules and tables, and a SCIM call can do nothing the
 * caller could not do in GraphiQL.
 */
export class GraphClient {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly requestId: string,
  ) {}

  async request<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<Data> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, 'x-request-id': this.requestId },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLBody<Data>;
    const error = body.errors?.[0];
    if (error) throw fromGraphQLCode(error.extensions?.code, error.message);
    if (!body.data) throw fromGraphQLCode(undefined, `HTTP ${response.status}`);
    return body.data;
  }
}
