import { readSettings } from '../../config/settings';

describe('engine settings', () => {
  it('defaults to the embedded database and a local Temporal dev server', () => {
    const s = readSettings({});
    expect(s.DATABASE_URL).toBeUndefined();
    expect(s.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
  });

  it('names the field and the problem for a bad value', () => {
    expect(() => readSettings({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
});
