import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Money } from '@corphub/module-kit';

@ObjectType({ description: 'One month, category and currency of a department’s expenses.' })
export class ExpenseReportRow {
  @Field(() => String, { description: 'YYYY-MM.' })
  month!: string;

  @Field(() => String)
  category!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => Int)
  itemCount!: number;
}

@ObjectType()
export class ExpenseReport {
  @Field(() => ID)
  departmentId!: string;

  @Field(() => [ExpenseReportRow], { description: 'By month, category, then currency.' })
  rows!: ExpenseReportRow[];

  @Field(() => [Money], { description: 'Sums per currency over all rows; never converted.' })
  totals!: Money[];

  @Field(() => String, { description: 'The rows as CSV (RFC 4180, header line first) for finance.' })
  csv!: string;
}
