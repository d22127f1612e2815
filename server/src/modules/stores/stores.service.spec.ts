import type { Repository } from 'typeorm';
import type { StoreEntity } from './entities/store.entity';
import { StoresService } from './stores.service';

/** A stores table of two rows that counts the reads. */
function fakeStores() {
  const rows = [
    { id: 1, name: 'Huaihai Road' },
    { id: 2, name: 'Xujiahui' },
  ];
  const reads: number[][] = [];
  const repository = {
    find: async ({ where }: { where: { id: { value: number[] } } }) => {
      reads.push(where.id.value);
      return rows.filter((row) => where.id.value.includes(row.id));
    },
  };
  return { service: new StoresService(repository as unknown as Repository<StoreEntity>), reads };
}

describe('StoresService.namesOf', () => {
  it('should read each store name once and answer from memory afterwards', async () => {
    const { service, reads } = fakeStores();
    await expect(service.namesOf([1, 1])).resolves.toEqual(new Map([[1, 'Huaihai Road']]));
    await expect(service.namesOf([1, 2])).resolves.toEqual(
      new Map([
        [1, 'Huaihai Road'],
        [2, 'Xujiahui'],
      ]),
    );
    await service.namesOf([2, 1]);
    expect(reads).toEqual([[1], [2]]);
  });

  it('should leave out unknown ids and read them again next time, as a store may have been added', async () => {
    const { service, reads } = fakeStores();
    await expect(service.namesOf([9])).resolves.toEqual(new Map());
    await service.namesOf([9]);
    expect(reads).toEqual([[9], [9]]);
  });

  it('should read nothing for no ids', async () => {
    const { service, reads } = fakeStores();
    await expect(service.namesOf([])).resolves.toEqual(new Map());
    expect(reads).toEqual([]);
  });
});
