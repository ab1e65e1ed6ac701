import { Migration } from '@mikro-orm/migrations';

/**
 * Until December 2026 the kit took minor digits from Node 20's `Intl` (ICU 78), which disagrees with
 * ISO 4217 on these currencies; amounts stored in them were counted in ICU's units. Frozen here, like
 * any migration: it is what the stored rows meant, whatever the runtime says now.
 */
export const ICU_DIGITS_TO_ISO: Readonly<Record<string, { icu: number; iso: number }>> = {
  AFN: { icu: 0, iso: 2 },
  ALL: { icu: 0, iso: 2 },
  COP: { icu: 0, iso: 2 },
  HUF: { icu: 0, iso: 2 },
  IDR: { icu: 0, iso: 2 },
  IQD: { icu: 0, iso: 3 },
  IRR: { icu: 0, iso: 2 },
  KPW: { icu: 0, iso: 2 },
  LAK: { icu: 0, iso: 2 },
  LBP: { icu: 0, iso: 2 },
  MGA: { icu: 0, iso: 2 },
  MMK: { icu: 0, iso: 2 },
  PKR: { icu: 0, iso: 2 },
  SOS: { icu: 0, iso: 2 },
  SYP: { icu: 0, iso: 2 },
  YER: { icu: 0, iso: 2 },
  // ISO has no minor unit ("N.A."), read as 0: only whole amounts convert
  XDR: { icu: 2, iso: 0 },
  XSU: { icu: 2, iso: 0 },
};

type Direction = 'up' | 'down';

/** How many digits an amount moves going up (to ISO) or down (back to ICU), per currency. */
function shifts(direction: Direction): Map<number, string[]> {
  const byShift = new Map<number, string[]>();
  for (const [currency, { icu, iso }] of Object.entries(ICU_DIGITS_TO_ISO)) {
    const shift = direction === 'up' ? iso - icu : icu - iso;
    byShift.set(shift, [...(byShift.get(shift) ?? []), currency]);
  }
  return byShift;
}

interface StoredLimit {
  level: number;
  currency: string;
  amountMinor: number;
}

/**
 * Rewrites stored amounts so that they keep their meaning under ISO 4217 minor units: line items
 * (`amount_amount_minor`, `amount_currency`) and the manager approval limits in `expense_settings`
 * (JSON). 1234 HUF stored as "1234 forints" becomes 123400 (1234.00 HUF). An amount that cannot be
 * moved exactly (a fractional SDR, or past 2^53) stops the migration with nothing changed: money is
 * never rounded silently.
 */
export abstract class RescaleToIso4217Digits extends Migration {
  /** The dialect's qualified table name. */
  protected abstract table(name: string): string;

  override async up(): Promise<void> {
    await this.rescale('up');
  }

  override async down(): Promise<void> {
    await this.rescale('down');
  }

  private async rescale(direction: Direction): Promise<void> {
    const items = this.table('line_item');
    const problems: string[] = [];
    for (const [shift, currencies] of shifts(direction)) {
      const factor = 10 ** Math.abs(shift);
      const inList = currencies.map(() => '?').join(', ');
      const unfit = shift > 0 ? `abs(amount_amount_minor) > ${Math.floor(Number.MAX_SAFE_INTEGER / factor)}` : `amount_amount_minor % ${factor} <> 0`;
      const [{ count }] = await this.execute(`select count(*) as count from ${items} where amount_currency in (${inList}) and ${unfit}`, currencies);
      if (Number(count) > 0) problems.push(`${String(count)} line item(s) in ${currencies.join('/')} cannot be ${shift > 0 ? `multiplied by ${factor} safely` : `divided by ${factor} exactly`}`);
    }
    const settings = await this.execute(`select id, approval_limits from ${this.table('expense_settings')}`);
    const rewritten: { id: string; limits: StoredLimit[] }[] = [];
    for (const row of settings) {
      const stored = (typeof row.approval_limits === 'string' ? JSON.parse(row.approval_limits) : row.approval_limits) as StoredLimit[];
      let changed = false;
      const limits = stored.map((limit) => {
        const moved = moveAmount(limit.amountMinor, limit.currency, direction);
        if (moved === undefined) return limit;
        if (moved === null) problems.push(`the approval limit ${limit.amountMinor} ${limit.currency} (settings ${String(row.id)}) cannot be converted exactly`);
        changed = true;
        return { ...limit, amountMinor: moved ?? limit.amountMinor };
      });
      if (changed) rewritten.push({ id: String(row.id), limits });
    }
    if (problems.length) throw new Error(`Cannot rescale amounts to ISO 4217 minor digits: ${problems.join('; ')}. Correct these rows by hand, then migrate again.`);

    for (const [shift, currencies] of shifts(direction)) {
      const operator = shift > 0 ? '*' : '/';
      await this.execute(`update ${items} set amount_amount_minor = amount_amount_minor ${operator} ${10 ** Math.abs(shift)} where amount_currency in (${currencies.map(() => '?').join(', ')})`, currencies);
    }
    for (const { id, limits } of rewritten) {
      await this.execute(`update ${this.table('expense_settings')} set approval_limits = ? where id = ?`, [JSON.stringify(limits), id]);
    }
  }
}

/** The amount in the other digits; undefined when the currency is not affected, null when it cannot be moved exactly. */
function moveAmount(amountMinor: number, currency: string, direction: Direction): number | null | undefined {
  if (!Object.hasOwn(ICU_DIGITS_TO_ISO, currency)) return undefined;
  const digits = ICU_DIGITS_TO_ISO[currency];
  const shift = direction === 'up' ? digits.iso - digits.icu : digits.icu - digits.iso;
  const factor = 10 ** Math.abs(shift);
  const moved = shift > 0 ? amountMinor * factor : amountMinor / factor;
  return Number.isSafeInteger(moved) ? moved : null;
}
