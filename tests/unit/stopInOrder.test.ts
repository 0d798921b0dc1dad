import { stopInOrder, type StopStep } from '../../engine/stopInOrder';

/** Ctrl-C on `npm start`: what the person at the terminal reads while the engine stops. */
describe('the engine stopping in order', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const after = (ms: number, then: () => void = () => undefined) =>
    new Promise<void>((resolve) => setTimeout(() => (then(), resolve()), ms));

  it('runs each step after the one before, names one that fails and goes on with the rest', async () => {
    const ran: string[] = [];
    const steps: StopStep[] = [
      async function closingTheApi() {
        ran.push('api');
      },
      async function closingTheInbox() {
        throw new Error('socket already closed');
      },
      async function closingTheDatabase() {
        ran.push('database');
      },
    ];
    const lines: string[] = [];
    await stopInOrder(steps, { say: (line) => lines.push(line) });
    expect(ran).toEqual(['api', 'database']);
    expect(lines).toEqual(['  closing the inbox failed: socket already closed']);
  });

  it('names a step that is still running every few seconds, with what it waits for, and how long it took', async () => {
    let inFlight = 3;
    const draining = Object.assign(
      async function drainingTheWorker() {
        await after(12_000);
      },
      { status: () => `${inFlight--} activities in flight` },
    );
    const lines: string[] = [];
    const stopped = stopInOrder([draining], { say: (line) => lines.push(line) });
    await jest.advanceTimersByTimeAsync(12_000);
    await stopped;
    expect(lines).toEqual([
      '  still draining the worker after 5 s: 3 activities in flight',
      '  still draining the worker after 10 s: 2 activities in flight',
      '  draining the worker took 12.0 s',
    ]);
  });

  it('says when the event loop was blocked, which a step that merely waits would not show', async () => {
    const lines: string[] = [];
    const stopped = stopInOrder(
      [
        async function closingTheDatabase() {
          await after(11_000);
        },
      ],
      { say: (line) => lines.push(line) },
    );
    // The clock moves on 8 s while no timer can fire (synchronous work on the main thread).
    jest.setSystemTime(Date.now() + 8_000);
    await jest.advanceTimersByTimeAsync(11_000);
    await stopped;
    expect(lines[0]).toMatch(/^ {2}still closing the database after 13 s; the event loop was blocked for 8\.0 s$/);
  });
});
