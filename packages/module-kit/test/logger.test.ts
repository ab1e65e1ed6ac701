import pino from 'pino';
import { withRequestLogger } from '@corphub/module-kit';

describe('a request context with a lazy logger', () => {
  it('makes the logger on first use only, also in the copy Apollo Server makes of the context', () => {
    let made = 0;
    const parent = pino({ level: 'silent' });
    const context = withRequestLogger({ requestId: 'req-1' }, () => {
      made++;
      return parent.child({ requestId: 'req-1' });
    });
    // Apollo Server's cloneObject, per operation
    const copy = Object.assign(Object.create(Object.getPrototypeOf(context) as object) as typeof context, context);
    expect(made).toBe(0);
    expect(copy.requestId).toBe('req-1');
    expect(copy.logger.bindings()).toEqual({ requestId: 'req-1' });
    expect(copy.logger).toBe(copy.logger);
    expect(made).toBe(1);
  });
});
