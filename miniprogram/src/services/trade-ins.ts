import type {
  InspectTradeInRequest,
  StaffTradeIn,
  TradeIn,
  TradeInPhoto,
  TradeInQuote,
  TradeInQuoteRequest,
  TradeInRequest,
} from '@lensloop/shared';
import { callApi, uploadFile } from './request';

export const quoteTradeIn = (request: TradeInQuoteRequest): Promise<TradeInQuote> =>
  callApi((api) => api.quoteTradeIn(request));
export const uploadTradeInPhoto = (filePath: string): Promise<TradeInPhoto> =>
  uploadFile<TradeInPhoto>('/trade-ins/photos', filePath);
export const submitTradeIn = (request: TradeInRequest): Promise<TradeIn> =>
  callApi((api) => api.submitTradeIn(request));
export const listMyTradeIns = (): Promise<TradeIn[]> => callApi((api) => api.listMyTradeIns());
export const getMyTradeIn = (id: number): Promise<TradeIn> => callApi((api) => api.getMyTradeIn(id));
export const cancelTradeIn = (id: number): Promise<TradeIn> => callApi((api) => api.cancelTradeIn(id));
export const listSubmittedTradeIns = async (): Promise<StaffTradeIn[]> =>
  (await callApi((api) => api.listStaffTradeIns({ status: 'submitted', pageSize: 100 }))).items;
export const getStaffTradeIn = (id: number): Promise<TradeIn> => callApi((api) => api.getStaffTradeIn(id));
export const inspectTradeIn = (id: number, body: InspectTradeInRequest): Promise<TradeIn> =>
  callApi((api) => api.inspectTradeIn(id, body));
export const rejectTradeIn = (id: number, reason: string): Promise<TradeIn> =>
  callApi((api) => api.rejectTradeIn(id, { reason }));
