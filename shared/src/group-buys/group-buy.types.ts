import type { ProductCategory } from '../api-types';
import type { Fen } from '../money';
import type { Fulfilment, Order } from '../orders/order.types';

/** Before its window, inside it, or after it (or ended early by an operator). */
export type GroupBuyCampaignStatus = 'scheduled' | 'active' | 'ended';

/** `POST /admin/group-buy-campaigns`. */
export interface GroupBuyCampaignInput {
  name: string;
  skuId: number;
  /** The price of a seat, fen; 0 for a free service deal (no payment). */
  groupPrice: Fen;
  /** Seats in a group, leader included (2–10). */
  groupSize: number;
  /** How long a group has to fill after it is opened. */
  hoursToComplete: number;
  /** The campaign window (ISO instants). */
  startsAt: string;
  endsAt: string;
  /** How many groups may be opened in all; absent: no limit. */
  maxGroups?: number;
  /** Seats one member may hold in this campaign (open or join). */
  perMemberLimit: number;
  /** Only members who have never paid for an order may open or join. */
  newMembersOnly: boolean;
}

/** `PATCH /admin/group-buy-campaigns/:id`: end the campaign now (open groups run to their deadline). */
export interface GroupBuyCampaignPatch {
  ended: boolean;
}

/** A campaign as members see it in `GET /group-buys` and operators in the admin list. */
export interface GroupBuyCampaign {
  id: number;
  name: string;
  skuId: number;
  productId: number;
  productName: string;
  category: ProductCategory;
  imageUrl: string;
  /** The SKU's usual price, fen. */
  listPrice: Fen;
  groupPrice: Fen;
  groupSize: number;
  hoursToComplete: number;
  startsAt: string;
  endsAt: string;
  maxGroups: number | null;
  groupsOpened: number;
  perMemberLimit: number;
  newMembersOnly: boolean;
  status: GroupBuyCampaignStatus;
  /** Whether a complete group gets a service voucher for each member (a `services` product). */
  voucher: boolean;
}

export type GroupStatus = 'open' | 'complete' | 'failed';

/** A member in a group as everyone may see it: never a full name. */
export interface GroupMember {
  nicknameMasked: string;
  /** Members have no stored avatar yet: null, and the page draws the masked initial. */
  avatarUrl: string | null;
  leader: boolean;
  /** Their seat is paid (or was free). */
  paid: boolean;
  joinedAt: string;
}

/** `GET /groups/:id`. */
export interface GroupBuyGroup {
  id: number;
  campaignId: number;
  campaignName: string;
  productName: string;
  imageUrl: string;
  listPrice: Fen;
  groupPrice: Fen;
  size: number;
  seatsLeft: number;
  paidCount: number;
  deadline: string;
  status: GroupStatus;
  members: GroupMember[];
  completedAt: string | null;
  failedAt: string | null;
}

/** `POST /group-buys/:campaignId/groups` and `POST /groups/:groupId/join`. */
export interface JoinGroupRequest {
  storeId: number;
  fulfilment: Fulfilment;
}

export interface GroupJoinResult {
  group: GroupBuyGroup;
  /** The seat's order at the group price; a free seat is already paid. */
  order: Order;
}

/** A seat: waiting for payment, paid, released unpaid after its window, or refunded. */
export type SeatStatus = 'pending' | 'paid' | 'released' | 'refunded';

/** `GET /me/groups`: the member's groups, newest first. */
export interface MyGroup extends GroupBuyGroup {
  orderId: number;
  seatStatus: SeatStatus;
  leader: boolean;
}

export type VoucherStatus = 'unused' | 'redeemed';

/** `GET /me/vouchers`: a service voucher from a complete 0-yuan (or service) group. */
export interface ServiceVoucher {
  id: number;
  code: string;
  status: VoucherStatus;
  productName: string;
  /** Last day it can be redeemed, `YYYY-MM-DD` (Asia/Shanghai). */
  validTo: string;
  redeemedAt: string | null;
}

/** `POST /staff/vouchers/redeem`. */
export interface RedeemVoucherRequest {
  code: string;
}

export interface RedeemedVoucher extends ServiceVoucher {
  memberId: number;
  storeId: number | null;
}

/** `GET /admin/group-buy-report`: groups by status per campaign. */
export interface GroupBuyReportRow {
  campaignId: number;
  name: string;
  open: number;
  complete: number;
  failed: number;
}

export interface GroupBuyReport {
  campaigns: GroupBuyReportRow[];
}

/** The member's seats and vouchers in the personal-data export. */
export interface GroupBuyExport {
  seats: { groupId: number; campaignName: string; orderId: number; status: SeatStatus; joinedAt: string }[];
  vouchers: { code: string; productName: string; status: VoucherStatus; validTo: string }[];
}
