/** Default of CORPHUB_METRICS_OPERATION_LABELS: distinct operation names that get a metric label of their own. */
export const DEFAULT_OPERATION_LABELS = 100;

/** The label of every operation past the cap, and of an operation with no name. */
export const OTHER_OPERATION = 'other';
export const ANONYMOUS_OPERATION = '(anonymous)';

const OPERATION_LABEL_MAX = 64;

/**
 * Bounds the `operation` label of a metric: a client chooses operation names, so each new one would be a new
 * time series in Prometheus, without limit. Operations the hub knows (registered ones, `keep`) always keep their
 * name; of the others only the first `limit` distinct names seen since start do, and every later one is `other`.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number = DEFAULT_OPERATION_LABELS) {}

  /** The label for an operation name; `known` keeps it whatever the cap (a registered operation). */
  label(name: string | null | undefined, known = false): string {
    if (!name) return ANONYMOUS_OPERATION;
    const label = name.slice(0, OPERATION_LABEL_MAX);
    if (known || this.seen.has(label)) return label;
    if (this.seen.size >= this.limit) return OTHER_OPERATION;
    this.seen.add(label);
    return label;
  }
}
