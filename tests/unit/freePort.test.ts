import { ephemeralRangeStart, freePorts } from '../../infra/freePort';

describe('the ports a test hands to a server it starts later', () => {
  it('lie below the range the kernel gives to outgoing connections, so none of them can take the port before the bind', async () => {
    const ports = await freePorts(20);
    expect(new Set(ports).size).toBe(20);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(ephemeralRangeStart());
    }
  });
});
