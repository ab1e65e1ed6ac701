/** Counts SQL statements per subgraph, from the ORM's query log. */
export class QueryCounter {
  private counts = new Map<string, number>();

  readonly record = (subgraph: string, message: string): void => {
    if (!/^\s*(select|insert|update|delete|with)\b/i.test(message)) return;
    this.counts.set(subgraph, (this.counts.get(subgraph) ?? 0) + 1);
  };

  reset(): void {
    this.counts.clear();
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
