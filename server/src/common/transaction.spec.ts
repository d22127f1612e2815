import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { retryDelayMs, TransactionRunner } from './transaction';

function runnerWith(transaction: (work: (manager: EntityManager) => Promise<unknown>) => Promise<unknown>) {
  return new TransactionRunner({ transaction, options: { type: 'mariadb' } } as unknown as DataSource);
}

describe('TransactionRunner', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn']));

  it('should retry the whole unit when the database reports a deadlock', async () => {
    let calls = 0;
    const runner = runnerWith(async (work) => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('Deadlock found'), { errno: 1213 });
      return work({} as EntityManager);
    });
    await expect(runner.run(async () => 'done')).resolves.toBe('done');
    expect(calls).toBe(3);
  });

  it('should give up after five deadlocks in a row', async () => {
    let calls = 0;
    const runner = runnerWith(async () => {
      calls++;
      throw Object.assign(new Error('Deadlock found'), { errno: 1213 });
    });
    await expect(runner.run(async () => 'never')).rejects.toMatchObject({ errno: 1213 });
    expect(calls).toBe(5);
  });

  it('should retry the whole unit when a lock wait timed out', async () => {
    let calls = 0;
    const runner = runnerWith(async (work) => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('Lock wait timeout exceeded'), { errno: 1205 });
      return work({} as EntityManager);
    });
    await expect(runner.run(async () => 'done')).resolves.toBe('done');
    expect(calls).toBe(2);
    expect(runner.retries).toBe(1);
  });

  it.each([
    [1, 0.999, 9],
    [2, 0.999, 19],
    [4, 0.999, 79],
    [6, 0.999, 199],
    [30, 0.999, 199],
    [3, 0, 0],
  ])('should pause below the capped doubling after attempt %i (random %f → %i ms)', (attempt, random, ms) => {
    expect(retryDelayMs(attempt, () => random)).toBe(ms);
  });

  it('should not retry other errors', async () => {
    let calls = 0;
    const runner = runnerWith(async () => {
      calls++;
      throw Object.assign(new Error('Duplicate entry'), { errno: 1062 });
    });
    await expect(runner.run(async () => 'never')).rejects.toMatchObject({ errno: 1062 });
    expect(calls).toBe(1);
  });

  it('should run after-commit callbacks once the unit committed, and drop those of a failed attempt', async () => {
    let calls = 0;
    const managers: EntityManager[] = [];
    const runner = runnerWith(async (work) => {
      calls++;
      const manager = { queryRunner: { data: {} } } as unknown as EntityManager;
      managers.push(manager);
      const result = await work(manager);
      if (calls === 1) throw Object.assign(new Error('Deadlock found'), { errno: 1213 });
      return result;
    });
    const woken: number[] = [];
    await runner.run(async (manager) => {
      runner.afterCommit(manager, () => woken.push(calls));
      expect(woken).toEqual([]);
    });
    // One callback per attempt was registered; only the committed attempt's ran, after it.
    expect(calls).toBe(2);
    expect(woken).toEqual([2]);
  });

  it.each(['better-sqlite3', 'sqljs'])(
    'should run the transactions of the embedded SQLite database (%s) one after another',
    async (type) => {
      let open = 0;
      let mostOpen = 0;
      const runner = new TransactionRunner({
        options: { type },
        transaction: async (work: (manager: EntityManager) => Promise<unknown>) => {
          open++;
          mostOpen = Math.max(mostOpen, open);
          await new Promise((resolve) => setTimeout(resolve, 5));
          try {
            return await work({ queryRunner: { data: {} } } as unknown as EntityManager);
          } finally {
            open--;
          }
        },
      } as unknown as DataSource);
      const results = await Promise.all([1, 2, 3].map((value) => runner.run(async () => value)));
      expect(results).toEqual([1, 2, 3]);
      expect(mostOpen).toBe(1);
    },
  );
});
