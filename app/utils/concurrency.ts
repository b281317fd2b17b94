/**
 * A bound on how many tasks of one kind run at once; the others wait their turn, first come
 * first served. Used where a burst of CPU-heavy work would otherwise take every core from
 * the requests that only read (password hashing, decision 011).
 */
export class ConcurrencyLimit {
  readonly limit: number;
  #running = 0;
  #peak = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`ConcurrencyLimit: the limit must be a positive integer, not ${limit}`);
    this.limit = limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  /** Tasks running now, tasks waiting, and the most that ever ran at once. */
  stats() {
    return { limit: this.limit, running: this.#running, waiting: this.#waiting.length, peak: this.#peak };
  }

  #acquire(): Promise<void> {
    if (this.#running < this.limit) {
      this.#running += 1;
      this.#peak = Math.max(this.#peak, this.#running);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
  #release() {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running -= 1;
  }
}
