export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface RequestOptions {
  token?: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A real HTTP GraphQL request, as a dashboard would send it. */
export async function graphqlRequest<Data = Record<string, any>>(url: string, query: string, options: RequestOptions = {}): Promise<GraphQLResponse<Data>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<Data>, 'status'>;
  return { status: response.status, ...body };
}

/** The codes of a response's errors, in order: what tests assert on. */
export function errorCodes(response: GraphQLResponse): (string | undefined)[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}
