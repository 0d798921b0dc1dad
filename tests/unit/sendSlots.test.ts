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

  it('lets a newsletter wave hold several slots at once, never more than the pool together with single sends', async () => {
    const slots = createSendSlots(3);
    let held = 0;
    let most = 0;
    const occupy = (count: number) => async () => {
      held += count;
      most = Math.max(most, held);
      await new Promise((resolve) => setTimeout(resolve, 5));
      held -= count;
    };
    await Promise.all([
      slots.hold(2, occupy(2)),
      slots.run(occupy(1)),
      slots.hold(3, occupy(3)),
      slots.run(occupy(1)),
      slots.hold(2, occupy(2)),
    ]);
    expect(most).toBe(3);
  });

  it('refuses to hold more slots than there are', async () => {
    await expect(createSendSlots(2).hold(3, async () => undefined)).rejects.toThrow(/count must be a whole number from 1 to 2, got 3/);
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => createSendSlots(0)).toThrow(/size must be a positive whole number, got 0/);
  });
});
