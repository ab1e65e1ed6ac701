import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ChangeLevel, breakingChanges, formatCheckReport, type SchemaChange, type SubgraphCheckReport } from './registry.checks';

registerEnumType(ChangeLevel, {
  name: 'SchemaChangeLevel',
  description: 'BREAKING fails a check (clients may break); DANGEROUS and SAFE are reported only.',
});

@ObjectType('SchemaChange', { description: 'One change to the graph clients see (graphql-inspector).' })
export class SchemaChangeType implements SchemaChange {
  @Field(() => ChangeLevel)
  level!: ChangeLevel;

  @Field(() => String, { description: "graphql-inspector's change type, e.g. FIELD_REMOVED." })
  type!: string;

  @Field(() => String, { description: 'Schema coordinate, e.g. `Objective.title`.' })
  path!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: 'The outcome of a schema check: composition errors and breaking changes fail it.' })
export class SubgraphCheck {
  @Field(() => String)
  name: string;

  @Field(() => Boolean, { description: 'True when the candidate composes and breaks nothing.' })
  ok: boolean;

  @Field(() => [String], { description: "@apollo/composition's errors; empty when the candidate composes." })
  compositionErrors: string[];

  @Field(() => [SchemaChangeType], { description: 'Changes against the current supergraph, breaking first.' })
  changes: SchemaChange[];

  @Field(() => Int)
  breakingChangeCount: number;

  @Field(() => String, { description: 'The same report as a text table (what `npm run check-subgraph` prints).' })
  table: string;

  constructor(report: SubgraphCheckReport) {
    this.name = report.name;
    this.compositionErrors = report.compositionErrors;
    this.changes = report.changes;
    this.breakingChangeCount = breakingChanges(report).length;
    this.ok = !report.compositionErrors.length && !this.breakingChangeCount;
    this.table = formatCheckReport(report);
  }
}
