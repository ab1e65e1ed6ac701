import { code as iso4217 } from 'currency-codes';
import { formatMinor, minorDigits, Money, parseAmount, singleTotal, totalsByCurrency, addMoney } from '../src/money';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'no error';
};

describe('money in integer minor units', () => {
  it('knows each currency’s minor digits: JPY 0, CNY 2, KWD 3', () => {
    expect([minorDigits('JPY'), minorDigits('CNY'), minorDigits('USD'), minorDigits('KWD')]).toEqual([0, 2, 2, 3]);
  });

  it('takes minor digits from ISO 4217, not from the runtime’s Intl', () => {
    expect(['HUF', 'IDR', 'PKR', 'COP', 'IQD', 'JPY', 'KWD', 'CNY'].map((currency) => [currency, minorDigits(currency)])).toEqual([
      ['HUF', 2],
      ['IDR', 2],
      ['PKR', 2],
      ['COP', 2],
      ['IQD', 3],
      ['JPY', 0],
      ['KWD', 3],
      ['CNY', 2],
    ]);
    expect(parseAmount('1234.50', 'HUF')).toBe(123450);
    expect(formatMinor(123450, 'HUF')).toBe('1234.50');
    expect(parseAmount('1.125', 'IQD')).toBe(1125);
  });

  it('follows ISO 4217 for every currency where this runtime’s Intl disagrees', () => {
    const intlDigits = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    const disagreements = Intl.supportedValuesOf('currency')
      .filter((currency) => iso4217(currency) !== undefined && iso4217(currency)!.digits !== intlDigits(currency))
      .map((currency) => ({ currency, iso: iso4217(currency)!.digits, intl: intlDigits(currency) }));
    // Node 20's ICU disagrees on these at least; the test must not pass vacuously on a runtime that agrees
    expect(disagreements.map(({ currency }) => currency)).toEqual(expect.arrayContaining(['COP', 'HUF', 'IDR', 'IQD', 'PKR']));
    expect(disagreements.map(({ currency }) => ({ currency, digits: minorDigits(currency) }))).toEqual(disagreements.map(({ currency, iso }) => ({ currency, digits: iso })));
  });

  it('parses decimal strings exactly, without floats', () => {
    expect(parseAmount('128.50', 'CNY')).toBe(12850);
    expect(parseAmount('0.1', 'CNY')).toBe(10);
    expect(parseAmount('1280', 'JPY')).toBe(1280);
    expect(parseAmount('1.5', 'KWD')).toBe(1500);
    expect(parseAmount('0.001', 'KWD')).toBe(1);
    // 0.1 + 0.2 in floats is 0.30000000000000004; in minor units it is 30
    expect(addMoney(new Money(parseAmount('0.1', 'CNY'), 'CNY'), new Money(parseAmount('0.2', 'CNY'), 'CNY')).amount).toBe('0.30');
  });

  it('refuses too many minor digits, negatives, unknown currencies and junk', () => {
    expect(codeOf(() => parseAmount('1.5', 'JPY'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => parseAmount('1.234', 'CNY'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => parseAmount('1.2345', 'KWD'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => parseAmount('-1.00', 'CNY'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => parseAmount('1e3', 'CNY'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => parseAmount('1.00', 'XYZ'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => parseAmount('1.00', 'cny'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => parseAmount('99999999999999999', 'CNY'))).toBe('BAD_USER_INPUT');
  });

  it('formats with the currency’s own digits', () => {
    expect([formatMinor(12850, 'CNY'), formatMinor(5, 'CNY'), formatMinor(1280, 'JPY'), formatMinor(1500, 'KWD'), formatMinor(1, 'KWD'), formatMinor(-250, 'USD')]).toEqual([
      '128.50',
      '0.05',
      '1280',
      '1.500',
      '0.001',
      '-2.50',
    ]);
  });

  it('totals per currency and never converts', () => {
    const totals = totalsByCurrency([new Money(12850, 'CNY'), new Money(1280, 'JPY'), new Money(150, 'CNY'), new Money(1500, 'KWD'), new Money(1, 'KWD')]);
    expect(totals.map((money) => [money.currency, money.amountMinor, money.amount])).toEqual([
      ['CNY', 13000, '130.00'],
      ['JPY', 1280, '1280'],
      ['KWD', 1501, '1.501'],
    ]);
    expect(singleTotal(totals)).toBeNull();
    expect(singleTotal(totalsByCurrency([new Money(1, 'JPY'), new Money(2, 'JPY')]))?.amount).toBe('3');
    expect(() => addMoney(new Money(1, 'CNY'), new Money(1, 'JPY'))).toThrow(/exchange rate/);
  });
});
