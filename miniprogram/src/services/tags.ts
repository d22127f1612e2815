import type {
  CustomerTag,
  Leaderboard,
  MyCommunity,
  MyCustomer,
  Page,
  SegmentSummary,
} from '@lensloop/shared';
import { callApi } from './request';

export const addCustomerTag = (memberId: number, name: string): Promise<CustomerTag> =>
  callApi((api) => api.addCustomerTag(memberId, name));
export const removeCustomerTag = (memberId: number, tagId: number): Promise<void> =>
  callApi((api) => api.removeCustomerTag(memberId, tagId));
export const listMyCustomers = (query: {
  tag?: string;
  segmentId?: number;
  page?: number;
}): Promise<Page<MyCustomer>> => callApi((api) => api.myCustomers({ ...query, pageSize: 20 }));
export const listStaffSegments = (): Promise<SegmentSummary[]> => callApi((api) => api.staffSegments());
export const fetchLeaderboard = (period: 'week' | 'month'): Promise<Leaderboard> =>
  callApi((api) => api.leaderboard({ period }));
export const listMyCommunities = (): Promise<MyCommunity[]> => callApi((api) => api.myCommunities());
