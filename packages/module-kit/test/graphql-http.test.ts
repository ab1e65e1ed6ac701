import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { createHttpServer, graphqlPostHandler, listen } from '@corphub/module-kit';
import pino from 'pino';

interface Context {
  caller: string;
}

/** A real Apollo Server behind the fast path, with a stand-in for the Express app that counts what reaches it. */
async function startServer(maxBodyBytes = 1024) {
  const refused: number[] = [];
  const failures: unknown[] = [];
  const reachedApp: string[] = [];
  const app: http.RequestListener = (req, res) => {
    reachedApp.push(`${req.method} ${req.url}`);
    res.statusCode = 299;
    res.end('app');
  };
  const { server, answerFirst } = createHttpServer(app, pino({ level: 'silent' }));
  const apollo = new ApolloServer<Context>({
    typeDefs: 'type Query { caller: String! echo(text: String!): String! }',
    resolvers: { Query: { caller: (_: unknown, __: unknown, context: Context) => context.caller, echo: (_: unknown, args: { text: string }) => args.text } },
  });
  await apollo.start();
  answerFirst(
    graphqlPostHandler(apollo, {
      path: '/graphql',
      maxBodyBytes,
      context: (req) =>
        req.headers.authorization === 'Bearer refused'
          ? Promise.reject(new GraphQLError('No entry', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } }))
          : Promise.resolve({ caller: req.headers.authorization ?? 'anonymous' }),
      before: (_req, res) => res.setHeader('x-before', 'ran'),
      onRefused: (limit) => refused.push(limit),
      onError: (error) => failures.push(error),
    }),
  );
  const port = await listen(server, 0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${port}`,
    refused,
    failures,
    reachedApp,
    stop: async () => {
      await apollo.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type Running = Awaited<ReturnType<typeof startServer>>;

/** A request with a body in chunks and no content-length, as a streaming client sends it. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe('POST /graphql on node:http ahead of Express', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.stop());

  const post = (body: string, headers: Record<string, string> = {}, path = '/graphql') =>
    fetch(`${server.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers a JSON query with the request context, Apollo headers and a request id, without the app', async () => {
    const before = server.reachedApp.length;
    const response = await post(JSON.stringify({ query: '{ caller }' }), { authorization: 'Bearer alice', 'x-request-id': 'req-1' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { caller: 'Bearer alice' } });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(response.headers.get('x-before')).toBe('ran');
    expect(server.reachedApp.length).toBe(before);
  });

  it('takes a query string, a charset and variables', async () => {
    const response = await post(JSON.stringify({ query: 'query($text: String!) { echo(text: $text) }', variables: { text: 'héllo ✓' } }), { 'content-type': 'application/json; charset=UTF-8' }, '/graphql?from=test');
    expect(await response.json()).toEqual({ data: { echo: 'héllo ✓' } });
  });

  it("answers the context's refusal with its status and code", async () => {
    const response = await post(JSON.stringify({ query: '{ caller }' }), { authorization: 'Bearer refused' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ message: 'No entry', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('refuses a body that is not JSON with 400 BAD_REQUEST, and JSON that is not a request with 400 too', async () => {
    const response = await post('{ "query": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    for (const body of ['"{ caller }"', '42', 'null', '{}']) expect((await post(body)).status).toBe(400);
  });

  it('refuses a body over the limit with 413 REQUEST_TOO_LARGE, by its length or as it streams, and counts it', async () => {
    const refusedBefore = server.refused.length;
    const big = JSON.stringify({ query: '{ caller }', variables: { x: 'x'.repeat(2000) } });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ errors: [{ message: 'Request body is larger than the limit of 1024 bytes', extensions: { code: 'REQUEST_TOO_LARGE', limit: 1024 } }] });
    const streamed = await postChunked(`${server.base}/graphql`, [big.slice(0, 600), big.slice(600)]);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).errors[0].extensions.code).toBe('REQUEST_TOO_LARGE');
    expect(server.refused.slice(refusedBefore)).toEqual([1024, 1024]);
    // a body within the limit in several chunks is read whole
    const small = JSON.stringify({ query: '{ caller }' });
    const chunked = await postChunked(`${server.base}/graphql`, [small.slice(0, 5), small.slice(5)]);
    expect(JSON.parse(chunked.body)).toEqual({ data: { caller: 'anonymous' } });
  });

  it('leaves the rest to the app: GET, other paths, compressed or non-JSON bodies, other charsets', async () => {
    const before = server.reachedApp.length;
    const body = JSON.stringify({ query: '{ caller }' });
    const answers = await Promise.all([
      fetch(`${server.base}/graphql?query=%7Bcaller%7D`),
      post(body, {}, '/graphql/extra'),
      post(body, {}, '/graphqlx'),
      fetch(`${server.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(body) }),
      post(body, { 'content-type': 'text/plain' }),
      post(body, { 'content-type': 'application/json; charset=utf-16' }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([299, 299, 299, 299, 299, 299]);
    expect(server.reachedApp.length - before).toBe(6);
    expect(server.failures).toEqual([]);
  });
});
