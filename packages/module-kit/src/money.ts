import { Embeddable, Property, BigIntType } from '@mikro-orm/core';
import { data as iso4217Table } from 'currency-codes';
import { CurrencyResolver, SafeIntResolver } from 'graphql-scalars';
import { Directive, Field, ObjectType } from 'type-graphql';
import { errors } from './errors';

/**
 * Money is an integer count of the currency's minor units plus its ISO 4217 code: never a float, in the
 * database or the API. Which codes exist and how many minor units each has (JPY 0, CNY 2, KWD 3) come from
 * the ISO 4217 table shipped as data (`currency-codes`), not from the runtime's `Intl`: ICU gives HUF, IDR,
 * PKR, COP 0 digits where ISO says 2, so a stored amount would mean something else on another Node build.
 * ISO's "N.A." (gold, SDR, testing codes) is 0 in that table.
 */
const MINOR_DIGITS: ReadonlyMap<string, number> = new Map(iso4217Table.map((record) => [record.code, record.digits]));

/** The number of minor-unit digits of an ISO 4217 currency; BAD_USER_INPUT for an unknown code. */
export function minorDigits(currency: string): number {
  const digits = MINOR_DIGITS.get(currency);
  if (digits === undefined) throw errors.BAD_USER_INPUT(`Unknown currency "${currency}": use an ISO 4217 code such as CNY, USD, JPY`);
  return digits;
}

/** `"128.50"` CNY → 12850; refuses negatives, more decimals than the currency has, and anything but digits. */
export function parseAmount(amount: string, currency: string): number {
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw errors.BAD_USER_INPUT(`Invalid amount "${amount}": a non-negative decimal such as "128.50"`);
  const [, whole, fraction = ''] = match;
  if (fraction.length > digits) {
    throw errors.BAD_USER_INPUT(`Amount "${amount}" has ${fraction.length} decimals; ${currency} has ${digits}`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  return checkMinor(minor);
}

function checkMinor(minor: bigint): number {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) throw errors.BAD_USER_INPUT('Amount too large');
  return Number(minor);
}

/** 12850 CNY → `"128.50"`; 1280 JPY → `"1280"`; 1500 KWD → `"1.500"`. */
export function formatMinor(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = amountMinor < 0;
  const text = BigInt(Math.abs(amountMinor)).toString().padStart(digits + 1, '0');
  const formatted = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${formatted}` : formatted;
}

/** An amount in one currency, stored as two columns (`<prefix>_amount_minor`, `<prefix>_currency`). */
@Embeddable()
// every subgraph with an amount resolves Money itself (expenses, approvals, a vendor's module)
@Directive('@shareable')
@ObjectType({ description: 'An amount of money: an integer count of minor units and an ISO 4217 currency. Never a float.' })
export class Money {
  @Property({ type: new BigIntType('number') })
  @Field(() => SafeIntResolver, { description: 'The amount in minor units of the currency (cents, fen; yen have none).' })
  amountMinor!: number;

  @Property({ type: 'string', length: 3 })
  @Field(() => CurrencyResolver, { description: 'ISO 4217 code, e.g. CNY.' })
  currency!: string;

  constructor(amountMinor: number, currency: string) {
    this.amountMinor = amountMinor;
    this.currency = currency;
  }

  @Field(() => String, { description: 'The amount as a decimal string with the currency’s own minor digits, e.g. "128.50" CNY, "1280" JPY.' })
  get amount(): string {
    return formatMinor(this.amountMinor, this.currency);
  }
}

/** Adds amounts of one currency exactly (throws when mixed or past the safe integer range). */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`Cannot add ${a.currency} to ${b.currency}: no exchange rate is ever guessed`);
  return new Money(checkMinor(BigInt(a.amountMinor) + BigInt(b.amountMinor)), a.currency);
}

/** Totals per currency, ordered by currency code; never converts between currencies. */
export function totalsByCurrency(amounts: Iterable<{ amountMinor: number; currency: string }>): Money[] {
  const sums = new Map<string, bigint>();
  for (const { amountMinor, currency } of amounts) sums.set(currency, (sums.get(currency) ?? 0n) + BigInt(amountMinor));
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => new Money(checkMinor(minor), currency));
}

/** The single total when every amount has one currency; null when mixed (or none). */
export function singleTotal(totals: Money[]): Money | null {
  return totals.length === 1 ? totals[0] : null;
}
