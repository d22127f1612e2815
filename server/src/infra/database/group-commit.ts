interface Waiting<Item> {
  item: Item;
  committed: () => void;
  failed: (error: unknown) => void;
}

/**
 * Rows written by concurrent requests, committed together: `add` resolves once its row has
 * committed, so a caller may answer on it as on its own INSERT. The first row is written at once;
 * rows that arrive while a write is committing wait and go in the next write, up to `maxBatch`
 * rows at a time. Each commit costs the database a log flush (an fsync), so under load a row costs
 * a fraction of one. A failed write fails every row in it: the rows must be valid before they are
 * added (what is left to fail is the database itself, which each caller would have met alike).
 */
export class GroupCommit<Item> {
  private waiting: Waiting<Item>[] = [];
  private writing = false;

  constructor(
    private readonly write: (items: Item[]) => Promise<void>,
    private readonly maxBatch: number,
  ) {}

  add(item: Item): Promise<void> {
    return new Promise((committed, failed) => {
      this.waiting.push({ item, committed, failed });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        await this.write(batch.map((waiting) => waiting.item));
        for (const waiting of batch) waiting.committed();
      } catch (error) {
        for (const waiting of batch) waiting.failed(error);
      }
    }
    this.writing = false;
  }
}
