import { detailText, goalText, minutesText, percentText, sourceOf, valueText } from './format';

describe('percentText', () => {
  it('shows three decimals, cut rather than rounded', () => {
    expect(percentText(0.999)).toBe('99.900%');
    expect(percentText(1)).toBe('100.000%');
    expect(percentText(0.9999996)).toBe('99.999%');
    expect(percentText(0.99912345)).toBe('99.912%');
    expect(percentText(0)).toBe('0.000%');
    expect(percentText(0.5, 1)).toBe('50.0%');
  });

  it('shows a dash for an unknown ratio', () => {
    expect(percentText(null)).toBe('—');
    expect(percentText(undefined)).toBe('—');
    expect(percentText(NaN)).toBe('—');
  });
});

describe('goalText and minutesText', () => {
  it('write the contract target without trailing zeros', () => {
    expect(goalText(0.999)).toBe('99.9%');
    expect(goalText(0.9995)).toBe('99.95%');
    expect(goalText(1)).toBe('100%');
  });

  it('write minutes with at most two decimals', () => {
    expect(minutesText(12)).toBe('12');
    expect(minutesText(0.5)).toBe('0.5');
    expect(minutesText(1.256)).toBe('1.26');
    expect(minutesText(NaN)).toBe('—');
  });

  it('write chart values readably', () => {
    expect(valueText(12)).toBe('12');
    expect(valueText(12.345)).toBe('12.35');
    expect(valueText(1234.5)).toBe('1235');
    expect(valueText(0.25)).toBe('0.25');
  });
});

describe('sourceOf and detailText', () => {
  it('tells configuration, catalog entities and the portal itself apart', () => {
    expect(sourceOf('config')).toEqual({ kind: 'config' });
    expect(sourceOf('builtin')).toEqual({ kind: 'builtin' });
    expect(sourceOf('catalog:component:default/ocsp')).toEqual({ kind: 'catalog', ref: 'component:default/ocsp' });
    expect(sourceOf('elsewhere')).toEqual({ kind: 'other', ref: 'elsewhere' });
  });

  it('writes booleans as marks', () => {
    expect(detailText(true)).toBe('✓');
    expect(detailText(false)).toBe('✗');
    expect(detailText(42)).toBe('42');
    expect(detailText('ok')).toBe('ok');
  });
});
