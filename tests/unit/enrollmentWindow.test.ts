import { enrollmentWindow } from '../../import/enrollmentWindow';

/** A task the test finishes by hand, recording when it started. */
function manualTasks() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const task = (name: string) => () =>
    new Promise<void>((resolve) => {
      started.push(name);
      finish.set(name, resolve);
    });
  const done = async (name: string) => {
    finish.get(name)!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { started, task, done };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the window of lifecycle enrollments an import keeps under way', () => {
  it('lets at most `limit` tasks run, and a submit waits for a free slot', async () => {
    const window = enrollmentWindow(2);
    const { started, task, done } = manualTasks();
    await window.submit('anna', task('anna 1'));
    await window.submit('bernd', task('bernd 1'));
    let third = false;
    const submitting = window.submit('carla', task('carla 1')).then(() => (third = true));
    await tick();
    expect(started).toEqual(['anna 1', 'bernd 1']);
    expect(third).toBe(false);
    await done('bernd 1');
    await submitting;
    await tick();
    expect(started).toEqual(['anna 1', 'bernd 1', 'carla 1']);
  });

  it("runs one customer's tasks one after the other, in the order they were submitted", async () => {
    const window = enrollmentWindow(8);
    const { started, task, done } = manualTasks();
    await window.submit('anna', task('anna 1'));
    await window.submit('anna', task('anna 2'));
    await window.submit('bernd', task('bernd 1'));
    await tick();
    expect(started).toEqual(['anna 1', 'bernd 1']);
    await done('anna 1');
    await tick();
    expect(started).toEqual(['anna 1', 'bernd 1', 'anna 2']);
  });

  it('settles only when every task has, and reports a task that threw without stopping the others', async () => {
    const window = enrollmentWindow(4);
    const ran: string[] = [];
    await window.submit('anna', async () => {
      throw new Error('boom');
    });
    await window.submit('anna', async () => void ran.push('anna 2'));
    await window.submit('bernd', async () => void ran.push('bernd 1'));
    await expect(window.settled()).rejects.toThrow('boom');
    expect(ran.sort()).toEqual(['anna 2', 'bernd 1']);
  });

  it('refuses a window that could never start anything', () => {
    expect(() => enrollmentWindow(0)).toThrow('enrollment concurrency must be a whole number ≥ 1, not 0');
  });
});
