import type {
  InspectTradeInRequest,
  Page,
  TradeIn,
  TradeInPhoto,
  TradeInQuote,
  TradeInQuoteRequest,
  TradeInRequest,
} from '@lensloop/shared';
import { callPendingApi, uploadFile } from './request';

const itemsOf = (list: TradeIn[] | Page<TradeIn>): TradeIn[] => (Array.isArray(list) ? list : list.items);

export const quoteTradeIn = (request: TradeInQuoteRequest): Promise<TradeInQuote> =>
  callPendingApi((api) => api.quoteTradeIn(request));
export const uploadTradeInPhoto = (filePath: string): Promise<TradeInPhoto> =>
  uploadFile<TradeInPhoto>('/trade-ins/photos', filePath);
export const submitTradeIn = (request: TradeInRequest): Promise<TradeIn> =>
  callPendingApi((api) => api.submitTradeIn(request));
export const listMyTradeIns = async (): Promise<TradeIn[]> =>
  itemsOf(await callPendingApi((api) => api.listMyTradeIns()));
export const getMyTradeIn = (id: number): Promise<TradeIn> => callPendingApi((api) => api.getMyTradeIn(id));
export const cancelTradeIn = (id: number): Promise<TradeIn> => callPendingApi((api) => api.cancelTradeIn(id));
export const listSubmittedTradeIns = async (): Promise<TradeIn[]> =>
  itemsOf(await callPendingApi((api) => api.listStaffTradeIns({ status: 'submitted' })));
export const getStaffTradeIn = (id: number): Promise<TradeIn> =>
  callPendingApi((api) => api.getStaffTradeIn(id));
export const inspectTradeIn = (id: number, body: InspectTradeInRequest): Promise<TradeIn> =>
  callPendingApi((api) => api.inspectTradeIn(id, body));
export const rejectTradeIn = (id: number, reason: string): Promise<TradeIn> =>
  callPendingApi((api) => api.rejectTradeIn(id, { reason }));
