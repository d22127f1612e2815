import type { PageQuery } from '../api-types';
import type { Fen } from '../money';
import type { QuoteCoupons } from '../coupons/coupon.types';
import type { QuoteWallet } from '../wallet/wallet.types';

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'processing',
  'ready_for_pickup',
  'shipped',
  'completed',
  'cancelled',
  'refund_requested',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Goods from the catalog, or a stored-value top-up (paid like an order, never fulfilled). */
export const ORDER_KINDS = ['goods', 'top_up'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const FULFILMENTS = ['pickup', 'delivery'] as const;
export type Fulfilment = (typeof FULFILMENTS)[number];

export const LENS_OPTION_KINDS = ['coating', 'blue_cut', 'photochromic', 'tint'] as const;
export type LensOptionKind = (typeof LENS_OPTION_KINDS)[number];

export const LENS_DESIGNS = ['single-vision', 'progressive', 'myopia-control'] as const;
export type LensDesign = (typeof LENS_DESIGNS)[number];

/**
 * The powers a spectacle-lens SKU can be made in, hundredths of a diopter (minus-cylinder form):
 * sphere range, largest cylinder magnitude and, for progressives, the ADD range.
 */
export interface LensPowerRange {
  sphereMin: number;
  sphereMax: number;
  cylinderMax: number;
  addMin?: number | null;
  addMax?: number | null;
}

/** A priced extra on a spectacle lens (anti-reflective coating, blue-cut, photochromic, tint). */
export interface LensOption {
  code: string;
  kind: LensOptionKind;
  name: string;
  nameEn: string | null;
  price: Fen;
}

/** The lenses fitted into a frame: a lens SKU (design and index) and option codes. */
export interface LensSelection {
  skuId: number;
  options: string[];
}

export interface OrderItemInput {
  skuId: number;
  quantity: number;
  lens?: LensSelection;
  /** A prescription of the member or a family profile; omitted = "add it later at the store". */
  prescriptionId?: number;
}

export interface DeliveryAddress {
  recipient: string;
  phone: string;
  /** Province, city, district. */
  region: string;
  detail: string;
}

export interface OrderRequest {
  storeId: number;
  items: OrderItemInput[];
  fulfilment: Fulfilment;
  address?: DeliveryAddress;
  /** One of the member's available coupons; the quote lists which apply and why not. */
  couponId?: number;
  /**
   * Pay from the stored-value balance first (after coupon and points): min(balance, what is left);
   * WeChat Pay collects the rest. With a zero balance the order is refused (`WALLET_INSUFFICIENT`).
   */
  useBalance?: boolean;
}

export interface PricedLens {
  skuId: number;
  name: string;
  unitPrice: Fen;
  options: LensOption[];
}

export interface PricedItem {
  skuId: number;
  productId: number;
  name: string;
  attributes: Record<string, string>;
  imageUrl: string;
  quantity: number;
  unitPrice: Fen;
  lens: PricedLens | null;
  prescriptionId: number | null;
  /**
   * On a quote: advice when the lens index is below what the prescription's power suggests
   * (thinner, lighter lenses). The order is still allowed; absent when the index suits.
   */
  lensAdvice?: { recommendedIndex: number };
  /** (unit price + lens + options) × quantity. */
  lineTotal: Fen;
}

export interface Quote {
  items: PricedItem[];
  subtotal: Fen;
  discount: Fen;
  pointsDiscount: Fen;
  balancePaid: Fen;
  payable: Fen;
  /** The member's available coupons against this order (quote only). */
  coupons: QuoteCoupons;
  /** The member's stored value and the top-up suggestion (quote only). */
  wallet: QuoteWallet;
}

export const ORDER_ACTORS = ['customer', 'staff', 'system'] as const;
export type OrderActor = (typeof ORDER_ACTORS)[number];

export interface OrderEvent {
  from: OrderStatus | null;
  to: OrderStatus;
  actor: OrderActor;
  actorId: number | null;
  note: string | null;
  at: string;
}

export interface Order extends Omit<Quote, 'coupons' | 'wallet'> {
  id: number;
  no: string;
  kind: OrderKind;
  /** The line of an order without catalog items (a top-up: "储值充值 ¥1,000"); null for goods. */
  description: string | null;
  status: OrderStatus;
  storeId: number;
  fulfilment: Fulfilment;
  address: DeliveryAddress | null;
  /** Refunded so far: the WeChat Pay part plus `balanceRefunded`. */
  refunded: Fen;
  /** The part of `balancePaid` returned to the wallet by refunds. */
  balanceRefunded: Fen;
  createdAt: string;
  /** When an unpaid order is cancelled automatically. */
  expiresAt: string;
  timeline: OrderEvent[];
}

export interface OrderSummary {
  id: number;
  no: string;
  kind: OrderKind;
  status: OrderStatus;
  storeId: number;
  fulfilment: Fulfilment;
  payable: Fen;
  itemCount: number;
  firstItemName: string;
  imageUrl: string;
  createdAt: string;
}

/** Parameters for `wx.requestPayment` (signType RSA, signed by the merchant key). */
export interface WechatPaymentParams {
  /** The mini-program's appid the payment is signed for (the first line of `paySign`'s message). */
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export type PayOrderResponse =
  { status: 'paid' } | { status: 'pending_payment'; payment: WechatPaymentParams };

export interface CartItemInput {
  skuId: number;
  quantity: number;
  lens?: LensSelection;
}

/** Why a cart line cannot be ordered as it is; the line stays in the cart. */
export const CART_ITEM_PROBLEMS = ['OFF_SALE', 'OUT_OF_STOCK', 'INSUFFICIENT_STOCK'] as const;
export type CartItemProblem = (typeof CART_ITEM_PROBLEMS)[number];

export interface CartItem extends PricedItem {
  id: number;
  /** Units on hand at the store the cart was priced for. */
  stock: number;
  problem: CartItemProblem | null;
}

export interface Cart {
  storeId: number | null;
  items: CartItem[];
  /** Sum over the lines without problems. */
  subtotal: Fen;
}

/** A member's orders (their own, or on the staff desk's customer card). */
export interface OrderQuery extends PageQuery {
  status?: OrderStatus;
  /** A member's list shows `goods` unless asked for top-ups (staff lists show both unless asked). */
  kind?: OrderKind;
}

export interface StaffOrderQuery extends OrderQuery {
  /** `YYYY-MM-DD` in Asia/Shanghai, or `today`. */
  date?: string;
}

export interface TransitionRequest {
  to: OrderStatus;
  note?: string;
}

export interface RefundRequest {
  /**
   * Fen; the whole unrefunded amount when omitted. A partial refund takes the WeChat Pay part
   * first, then the wallet part; a top-up refunds at most its principal still unspent.
   */
  amount?: Fen;
  reason?: string;
}
