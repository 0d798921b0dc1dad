import { hashPassword, verifyPassword } from '../../cockpit/auth/passwords';
import { tokensMatch } from '../../cockpit/auth/sessions';
import { mayOpenLead, visibleLeads } from '../../cockpit/access';
import { upliftInterval } from '../../cockpit/data/campaignStats';

describe('cockpit logins', () => {
  it('stores passwords as salted scrypt hashes and recognises only the right one', async () => {
    const hash = await hashPassword('sonnenschein-demo');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain('sonnenschein');
    expect(await hashPassword('sonnenschein-demo')).not.toBe(hash);
    await expect(verifyPassword('sonnenschein-demo', hash)).resolves.toBe(true);
    await expect(verifyPassword('sonnenschein-dem0', hash)).resolves.toBe(false);
    await expect(verifyPassword('x', 'not-a-hash')).resolves.toBe(false);
  });

  it('compares CSRF tokens only when both are there', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abd', 'abc')).toBe(false);
    expect(tokensMatch(undefined, 'abc')).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
  });

  it("shows a team lead only their locations' leads, everyone else their whole dealer", () => {
    const teamLead = { dealerId: 'd1', role: 'team_lead' as const, locationIds: ['rosenheim'] };
    expect(mayOpenLead(teamLead, { dealerId: 'd1', locationId: 'rosenheim' })).toBe(true);
    expect(mayOpenLead(teamLead, { dealerId: 'd1', locationId: 'kolbermoor' })).toBe(false);
    expect(mayOpenLead(teamLead, { dealerId: 'd2', locationId: 'rosenheim' })).toBe(false);
    expect(visibleLeads(teamLead)).toEqual({ dealerId: 'd1', locationId: { in: ['rosenheim'] } });
    const principal = { dealerId: 'd1', role: 'principal' as const, locationIds: [] };
    expect(mayOpenLead(principal, { dealerId: 'd1', locationId: 'kolbermoor' })).toBe(true);
    expect(mayOpenLead(principal, { dealerId: 'd2', locationId: 'kolbermoor' })).toBe(false);
  });
});

describe('holdout uplift', () => {
  it('is treated minus holdout conversion with a 95 % interval', () => {
    const u = upliftInterval({
      treated: { enrollments: 900, converted: 270, conversionRate: 0.3 },
      holdout: { enrollments: 100, converted: 20, conversionRate: 0.2 },
    })!;
    expect(u.value).toBeCloseTo(0.1, 10);
    const se = Math.sqrt((0.3 * 0.7) / 900 + (0.2 * 0.8) / 100);
    expect(u.low).toBeCloseTo(0.1 - 1.96 * se, 10);
    expect(u.high).toBeCloseTo(0.1 + 1.96 * se, 10);
    expect(
      upliftInterval({
        treated: { enrollments: 5, converted: 1, conversionRate: 0.2 },
        holdout: { enrollments: 0, converted: 0, conversionRate: null },
      }),
    ).toBeNull();
  });
});
