import type { Membership, Page, PointsLedgerEntry } from '@lensloop/shared';
import { callApi } from './request';

export const getMembership = (): Promise<Membership> => callApi((api) => api.getMembership());
export const listPointsLedger = (page: number): Promise<Page<PointsLedgerEntry>> =>
  callApi((api) => api.listPointsLedger({ page, pageSize: 50 }));
