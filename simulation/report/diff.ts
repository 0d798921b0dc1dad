/**
 * A changed campaign reviewed like a code diff: for every customer, each message of the current
 * definitions is paired with the same message (template, n-th occurrence) of the changed ones;
 * what moved earlier or later, what no longer goes out, and what is new.
 */
export type MessageChange = {
  customerId: string;
  templateId: string;
  current: string | null;
  changed: string | null;
  change: 'earlier' | 'later' | 'no_longer' | 'new';
};
export type CampaignDiff = {
  changedCampaigns: string[];
  affectedCustomers: string[];
  changes: MessageChange[];
  summary: Record<MessageChange['change'], number>;
};

type Sent = Array<[customerId: string, templateId: string, localDate: string]>;

function byCustomerTemplate(sent: Sent): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [customerId, templateId, date] of sent) {
    const key = `${customerId}\u0000${templateId}`;
    map.set(key, [...(map.get(key) ?? []), date]);
  }
  for (const dates of map.values()) dates.sort();
  return map;
}

export function diffRuns(current: Sent, changed: Sent, changedCampaigns: string[]): CampaignDiff {
  const a = byCustomerTemplate(current);
  const b = byCustomerTemplate(changed);
  const changes: MessageChange[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [customerId, templateId] = key.split('\u0000');
    const before = a.get(key) ?? [];
    const after = b.get(key) ?? [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const x = before[i] ?? null;
      const y = after[i] ?? null;
      if (x === y) continue;
      const change = x === null ? 'new' : y === null ? 'no_longer' : y < x ? 'earlier' : 'later';
      changes.push({ customerId, templateId, current: x, changed: y, change });
    }
  }
  const summary = { earlier: 0, later: 0, no_longer: 0, new: 0 };
  for (const c of changes) summary[c.change] += 1;
  return { changedCampaigns, affectedCustomers: [...new Set(changes.map((c) => c.customerId))].sort(), changes, summary };
}
