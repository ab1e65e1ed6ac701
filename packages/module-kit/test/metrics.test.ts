import { OperationLabels } from '@corphub/module-kit';

describe('OperationLabels', () => {
  it('labels the first N distinct names and every later one `other`', () => {
    const labels = new OperationLabels(3);
    expect(['A', 'B', 'A', 'C', 'D', 'B', 'E'].map((name) => labels.label(name))).toEqual(['A', 'B', 'A', 'C', 'other', 'B', 'other']);
  });

  it('keeps a known name past the cap, without using up a place', () => {
    const labels = new OperationLabels(1);
    expect(labels.label('Registered', true)).toBe('Registered');
    expect(labels.label('A')).toBe('A');
    expect(labels.label('B')).toBe('other');
    expect(labels.label('Registered', true)).toBe('Registered');
  });

  it('labels an operation without a name `(anonymous)` and cuts long names', () => {
    const labels = new OperationLabels(1);
    expect(labels.label(undefined)).toBe('(anonymous)');
    expect(labels.label('x'.repeat(100))).toBe('x'.repeat(64));
  });
});
