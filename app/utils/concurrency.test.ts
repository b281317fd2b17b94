import { describe, expect, it } from "vitest";
import { ConcurrencyLimit } from "./concurrency";

/** A task that runs until the test lets it finish, noting how many run alongside it. */
function controlledTasks() {
  let active = 0;
  let mostActive = 0;
  const started: number[] = [];
  const finish: (() => void)[] = [];
  const fail: ((error: Error) => void)[] = [];
  const task = (index: number) => () =>
    new Promise<number>((resolve, reject) => {
      active += 1;
      mostActive = Math.max(mostActive, active);
      started.push(index);
      finish[index] = () => {
        active -= 1;
        resolve(index);
      };
      fail[index] = (error) => {
        active -= 1;
        reject(error);
      };
    });
  return { task, started, finish, fail, mostActive: () => mostActive };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("ConcurrencyLimit", () => {
  it("runs at most its limit at once; the others wait in order and all complete", async () => {
    const limit = new ConcurrencyLimit(3);
    const tasks = controlledTasks();
    const results = Array.from({ length: 10 }, (_, i) => limit.run(tasks.task(i)));
    await settle();
    expect(tasks.started).toEqual([0, 1, 2]);
    expect(limit.stats()).toMatchObject({ running: 3, waiting: 7 });
    for (let i = 0; i < 10; i += 1) {
      tasks.finish[i]();
      await settle();
    }
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(tasks.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(tasks.mostActive()).toBe(3);
    expect(limit.stats()).toEqual({ limit: 3, running: 0, waiting: 0, peak: 3 });
  });

  it("a task that fails gives its place to the next one", async () => {
    const limit = new ConcurrencyLimit(1);
    const tasks = controlledTasks();
    const first = limit.run(tasks.task(0));
    const second = limit.run(tasks.task(1));
    await settle();
    expect(tasks.started).toEqual([0]);
    tasks.fail[0](new Error("échec du calcul"));
    await expect(first).rejects.toThrow("échec du calcul");
    await settle();
    expect(tasks.started).toEqual([0, 1]);
    tasks.finish[1]();
    expect(await second).toBe(1);
    expect(limit.stats()).toMatchObject({ running: 0, waiting: 0, peak: 1 });
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(/positive integer/);
    expect(() => new ConcurrencyLimit(1.5)).toThrow(/positive integer/);
  });
});
