import type { Fen } from './money';

export const STAFF_ROLES = ['clerk', 'optometrist', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = 'customer' | StaffRole;

export const PRODUCT_CATEGORIES = ['frames', 'lenses', 'contacts', 'care', 'services'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** A page of a list: `?page=1&pageSize=20`. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export type MemberTier = 'silver' | 'gold' | 'platinum';

export interface Member {
  id: number;
  nickname: string | null;
  phoneMasked: string | null;
  memberCode: string;
  tier: MemberTier;
  points: number;
  balance: Fen;
  ownerStaff: { id: number; name: string } | null;
  homeStoreId: number | null;
}

export interface WechatLoginRequest {
  code: string;
  referralCode?: string;
  storeId?: number;
}

export interface WechatLoginResponse {
  token: string;
  member: Member;
  isNew: boolean;
}

export interface WechatPhoneRequest {
  code: string;
}

export interface StaffLoginRequest {
  username: string;
  password: string;
}

export interface StaffProfile {
  id: number;
  name: string;
  role: StaffRole;
  storeId: number | null;
}

export interface StaffLoginResponse {
  token: string;
  staff: StaffProfile;
}

export interface Store {
  id: number;
  name: string;
  city: string;
  address: string;
  phone: string;
  lat: number;
  lng: number;
  /** Opening hours in local time, e.g. `10:00-21:30`. */
  hours: string;
  /** Present when the request gave `lat` and `lng`. */
  distanceMeters?: number;
}

export interface StoreQuery extends PageQuery {
  lat?: number;
  lng?: number;
}

export interface ProductSummary {
  id: number;
  name: string;
  category: ProductCategory;
  brand: string;
  priceFrom: Fen;
  imageUrl: string;
  featured: boolean;
}

export interface ProductQuery extends PageQuery {
  category?: ProductCategory;
  q?: string;
  featured?: boolean;
}

export interface Sku {
  id: number;
  code: string;
  /** Display attributes, e.g. `{ colour: 'Black', size: '52□18-140' }`. */
  attributes: Record<string, string>;
  price: Fen;
  /** Units in stock: at `storeId` when the request named one, else across all stores. */
  stock: number;
}

export interface ProductDetail extends ProductSummary {
  description: string;
  skus: Sku[];
  /** Lenses that can be ordered with a frame; empty for other categories. */
  lensOptions: ProductSummary[];
}

export interface Health {
  status: 'ok';
  database: 'up';
}
