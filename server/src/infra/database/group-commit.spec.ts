import { GroupCommit } from './group-commit';

/** A write that commits only when the test says so, recording each batch it was given. */
function controlledWrite() {
  const batches: number[][] = [];
  const pending: { commit: () => void; fail: (error: Error) => void }[] = [];
  const write = (items: number[]) =>
    new Promise<void>((commit, fail) => {
      batches.push(items);
      pending.push({ commit, fail });
    });
  const settleNext = async (outcome: 'commit' | Error) => {
    const next = pending.shift();
    if (!next) throw new Error('No write in flight');
    if (outcome === 'commit') next.commit();
    else next.fail(outcome);
    // Let the committed callers and the next write run.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, write, settleNext, inFlight: () => pending.length };
}

describe('GroupCommit', () => {
  it('should write the first row at once and the rows that arrive meanwhile together, one write at a time', async () => {
    const { batches, write, settleNext, inFlight } = controlledWrite();
    const group = new GroupCommit(write, 10);
    const committed: number[] = [];
    const add = (item: number) => group.add(item).then(() => committed.push(item));
    void add(1);
    void add(2);
    void add(3);
    expect(batches).toEqual([[1]]);
    await settleNext('commit');
    expect(committed).toEqual([1]);
    expect(batches).toEqual([[1], [2, 3]]);
    expect(inFlight()).toBe(1);
    void add(4);
    expect(batches).toHaveLength(2);
    await settleNext('commit');
    expect(committed).toEqual([1, 2, 3]);
    await settleNext('commit');
    expect(committed).toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3], [4]]);
    expect(inFlight()).toBe(0);
  });

  it('should resolve no caller before its own write has committed', async () => {
    const { write, settleNext } = controlledWrite();
    const group = new GroupCommit(write, 10);
    let secondCommitted = false;
    void group.add(1);
    void group.add(2).then(() => (secondCommitted = true));
    await settleNext('commit');
    expect(secondCommitted).toBe(false);
    await settleNext('commit');
    expect(secondCommitted).toBe(true);
  });

  it('should write at most maxBatch rows at a time', async () => {
    const { batches, write, settleNext } = controlledWrite();
    const group = new GroupCommit(write, 2);
    const all = Promise.all([1, 2, 3, 4, 5, 6].map((item) => group.add(item)));
    for (let write = 0; write < 4; write += 1) await settleNext('commit');
    await all;
    expect(batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('should fail exactly the callers of a failed write and go on with the next rows', async () => {
    const { batches, write, settleNext } = controlledWrite();
    const group = new GroupCommit(write, 10);
    const outcomes: string[] = [];
    const add = (item: number) =>
      group.add(item).then(
        () => outcomes.push(`${item} committed`),
        (error: Error) => outcomes.push(`${item} ${error.message}`),
      );
    void add(1);
    void add(2);
    void add(3);
    await settleNext('commit');
    void add(4);
    await settleNext(new Error('lost'));
    await settleNext('commit');
    expect(batches).toEqual([[1], [2, 3], [4]]);
    expect(outcomes).toEqual(['1 committed', '2 lost', '3 lost', '4 committed']);
  });
});
