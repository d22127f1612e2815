import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from './transaction';

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

  it('should give up after four deadlocks in a row', async () => {
    let calls = 0;
    const runner = runnerWith(async () => {
      calls++;
      throw Object.assign(new Error('Deadlock found'), { errno: 1213 });
    });
    await expect(runner.run(async () => 'never')).rejects.toMatchObject({ errno: 1213 });
    expect(calls).toBe(4);
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
});
