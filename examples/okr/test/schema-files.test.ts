import fs from 'node:fs';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { TestModule } from '@corphub/module-kit/testing';
import { buildSchema } from '../src';
import { startModule } from './helpers';

describe('committed files', () => {
  it('schema.graphql is the SDL of the code: run `npm run build && npm run schema` after changing the schema', async () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(printSubgraphSchema(await buildSchema()));
  });

  it('the migrations bring a database to exactly what the entities describe', async () => {
    let testModule: TestModule | undefined;
    try {
      testModule = await startModule();
      expect(await testModule.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false })).toBe('');
    } finally {
      await testModule?.stop();
    }
  });
});
