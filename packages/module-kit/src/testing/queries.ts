/** Counts SQL statements per subgraph, from the ORM's query log. */
export class QueryCounter {
  private counts = new Map<string, number>();
  /** The statements since the last reset (the most recent 1,000), for tests that read their SQL or its plan. */
  private statements: { subgraph: string; sql: string }[] = [];

  readonly record = (subgraph: string, message: string): void => {
    if (!/^\s*(select|insert|update|delete|with)\b/i.test(message)) return;
    this.counts.set(subgraph, (this.counts.get(subgraph) ?? 0) + 1);
    this.statements.push({ subgraph, sql: message });
    if (this.statements.length > 1_000) this.statements.shift();
  };

  reset(): void {
    this.counts.clear();
    this.statements = [];
  }

  /** One subgraph's statements since the last reset, as the ORM logged them (values inlined). */
  statementsOf(subgraph: string): string[] {
    return this.statements.filter((statement) => statement.subgraph === subgraph).map((statement) => statement.sql);
  }

  count(subgraph: string): number {
    return this.counts.get(subgraph) ?? 0;
  }

  /** Statements that one call ran, per subgraph. */
  async during(run: () => Promise<unknown>): Promise<Record<string, number>> {
    this.reset();
    await run();
    return Object.fromEntries(this.counts);
  }
}
