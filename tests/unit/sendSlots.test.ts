import { createSendSlots } from '../../activities/delivery/sendSlots';

describe('send slots: no more messages claimed than SMTP connections can carry', () => {
  it('runs at most `size` sends at once and lets the next one in as soon as a slot frees', async () => {
    const slots = createSendSlots(2);
    let running = 0;
    let most = 0;
    const send = () =>
      slots.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
      });
    await Promise.all(Array.from({ length: 7 }, send));
    expect(most).toBe(2);
  });

  it('frees the slot when a send fails', async () => {
    const slots = createSendSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('451')))).rejects.toThrow('451');
    await expect(slots.run(async () => 'sent')).resolves.toBe('sent');
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => createSendSlots(0)).toThrow(/size must be a positive whole number, got 0/);
  });
});
