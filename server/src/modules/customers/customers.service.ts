import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  parseCustomerScene,
  type ArrivalResult,
  type CustomerChannelName,
  type CustomerSummary,
  type Page,
  type PageQuery,
  type StaffMemberSummary,
  type CustomersExport,
  type CustomerOwnership,
  type OwnerChangeReason,
  type StaffQrCode,
  type StaffRef,
  type TransferRequest,
  type TransferResult,
  type WelcomeRules,
} from '@lensloop/shared';
import { Repository, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import { EventBus } from '../../infra/events/event-bus';
import { WechatClient } from '../../infra/wechat/wechat-client';
import { CouponsService } from '../coupons/coupons.service';
import { WelcomeTemplatePort } from '../coupons/welcome-template-port';
import { MembersService } from '../members/members.service';
import { StaffService } from '../staff/staff.service';
import { StoresService } from '../stores/stores.service';
import { CustomerAdditionEntity } from './entities/customer-addition.entity';
import { CustomerArrivalEntity } from './entities/customer-arrival.entity';
import { OwnerChangeEntity } from './entities/owner-change.entity';
import { WelcomeRulesEntity } from './entities/welcome-rules.entity';

/** Where the customer's code sends the mini-program (the home page reads the scene). */
export const QR_PAGE = 'pages/index/index';

export interface AddCustomerInput {
  memberId: number;
  channel: CustomerChannelName;
  staffId: number | null;
  storeId: number | null;
  regionCode?: string | null;
  /** Issue the welcome coupon (codes and WeCom do; a first in-store purchase does not). */
  welcome: boolean;
  ownerReason?: OwnerChangeReason;
}

export interface AddCustomerOutcome {
  added: boolean;
  ownerStaffId: number | null;
  welcomeCouponId: number | null;
  registered: boolean;
}

function invalidScene(message: string): DomainError {
  return new DomainError(ErrorCode.SCENE_INVALID, message, [{ field: 'scene', message }]);
}

function invalidStaff(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.TRANSFER_STAFF_INVALID, message, [{ field, message }]);
}

/**
 * Private-domain operations, part A: who serves a customer (owner staff and its history,
 * transfers), how the customer was added (staff, store, regional and WeCom codes, first in-store
 * purchase) with the welcome coupon chosen by state, and arrivals through a counter code. The
 * owner column itself is the members module's (`members.owner_staff_id`), changed only through
 * its conditional methods; this module keeps the history beside every change.
 */
@Injectable()
export class CustomersService implements OnModuleInit {
  constructor(
    @InjectRepository(OwnerChangeEntity) private readonly changes: Repository<OwnerChangeEntity>,
    @InjectRepository(CustomerAdditionEntity) private readonly additions: Repository<CustomerAdditionEntity>,
    @InjectRepository(CustomerArrivalEntity) private readonly arrivals: Repository<CustomerArrivalEntity>,
    @InjectRepository(WelcomeRulesEntity) private readonly rules: Repository<WelcomeRulesEntity>,
    private readonly tx: TransactionRunner,
    private readonly events: EventBus,
    private readonly clock: BusinessClock,
    private readonly members: MembersService,
    private readonly staff: StaffService,
    private readonly stores: StoresService,
    private readonly coupons: CouponsService,
    private readonly welcomePort: WelcomeTemplatePort,
    private readonly wechat: WechatClient,
  ) {}

  onModuleInit(): void {
    // The templates the welcome flow hands out by state are not also given on every first login.
    this.welcomePort.register({
      reservedTemplateIds: async (manager) => {
        const rules = await manager.findOneBy(WelcomeRulesEntity, { id: 1 });
        return new Set(
          [rules?.unregisteredTemplateId, rules?.registeredTemplateId].filter((id): id is number => !!id),
        );
      },
    });
  }

  /**
   * Adds a customer in the caller's transaction: the owner set when the member has none (with
   * its history row and `OwnerChanged`), the home store when none, and once per member the
   * addition row, the welcome coupon by state and `CustomerAdded`. Safe to call twice.
   */
  async addCustomer(manager: EntityManager, input: AddCustomerInput): Promise<AddCustomerOutcome> {
    const member = await this.members.getMember(input.memberId, manager);
    let ownerStaffId = member.ownerStaffId;
    if (input.staffId !== null && ownerStaffId === null) {
      if (await this.members.setOwnerIfNone(manager, member.id, input.staffId)) {
        ownerStaffId = input.staffId;
        await this.recordChange(
          manager,
          member.id,
          null,
          input.staffId,
          input.ownerReason ?? 'first_contact',
          null,
        );
      } else {
        ownerStaffId = (await this.members.getMember(member.id, manager)).ownerStaffId;
      }
    }
    if (input.storeId !== null) await this.members.setHomeStoreIfNone(manager, member.id, input.storeId);
    const registered = member.phone !== null;
    try {
      await manager.insert(CustomerAdditionEntity, {
        memberId: member.id,
        channel: input.channel,
        staffId: input.staffId,
        storeId: input.storeId,
        regionCode: input.regionCode ?? null,
        registered,
        welcomeCouponId: null,
        addedAt: this.clock.now(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await manager.findOneBy(CustomerAdditionEntity, { memberId: member.id });
      return { added: false, ownerStaffId, welcomeCouponId: existing?.welcomeCouponId ?? null, registered };
    }
    let welcomeCouponId: number | null = null;
    if (input.welcome) {
      const rules = await manager.findOneBy(WelcomeRulesEntity, { id: 1 });
      const templateId = registered ? rules?.registeredTemplateId : rules?.unregisteredTemplateId;
      if (templateId) welcomeCouponId = await this.coupons.issueWelcomeOf(manager, templateId, member.id);
      if (welcomeCouponId !== null) {
        await manager.update(CustomerAdditionEntity, { memberId: member.id }, { welcomeCouponId });
      }
    }
    await this.events.publish(manager, 'CustomerAdded', member.id, {
      memberId: member.id,
      ownerStaffId,
      storeId: input.storeId,
      channel: input.channel,
      registered,
      welcomeCouponId,
    });
    return { added: true, ownerStaffId, welcomeCouponId, registered };
  }

  /** A customer opened the mini-program through a code (`POST /me/arrivals`). */
  async arrive(
    memberId: number,
    scene: string,
    location: { lat?: number; lng?: number },
  ): Promise<ArrivalResult> {
    const parsed = parseCustomerScene(scene);
    if (!parsed) throw invalidScene('The scene is not a staff, store, regional or counter code.');
    const base = { added: false, ownerStaff: null, welcomeCouponId: null, arrived: false, regionCode: null };
    switch (parsed.kind) {
      case 'counter': {
        if (!(await this.stores.exists(parsed.storeId)))
          throw invalidScene('The store of this code does not exist.');
        const arrived = await this.tx.run(async (manager) => {
          const member = await this.members.getMember(memberId, manager);
          try {
            await manager.insert(CustomerArrivalEntity, {
              memberId,
              storeId: parsed.storeId,
              day: this.clock.today(),
              ownerStaffId: member.ownerStaffId,
              arrivedAt: this.clock.now(),
            });
          } catch (error) {
            if (isDuplicateKey(error)) return false;
            throw error;
          }
          await this.events.publish(manager, 'CustomerArrived', memberId, {
            memberId,
            storeId: parsed.storeId,
            ownerStaffId: member.ownerStaffId,
          });
          return true;
        });
        const member = await this.members.getMember(memberId);
        return {
          ...base,
          kind: 'counter',
          storeId: parsed.storeId,
          arrived,
          ownerStaff: await this.staffRef(member.ownerStaffId),
        };
      }
      case 'staff': {
        const staff = await this.staff.findStaff(parsed.staffId);
        if (!staff || !staff.active) throw invalidScene('The staff member of this code is not active.');
        return this.addThrough('staff', {
          memberId,
          channel: 'staff_qr',
          staffId: staff.id,
          storeId: staff.storeId,
          welcome: true,
        });
      }
      case 'store': {
        if (!(await this.stores.exists(parsed.storeId)))
          throw invalidScene('The store of this code does not exist.');
        return this.addThrough('store', {
          memberId,
          channel: 'store_qr',
          staffId: null,
          storeId: parsed.storeId,
          welcome: true,
        });
      }
      case 'regional': {
        const storeId = await this.nearestStoreId(location);
        return this.addThrough('regional', {
          memberId,
          channel: 'regional_qr',
          staffId: null,
          storeId,
          regionCode: parsed.regionCode,
          welcome: true,
        });
      }
    }
  }

  private async addThrough(kind: ArrivalResult['kind'], input: AddCustomerInput): Promise<ArrivalResult> {
    const outcome = await this.tx.run((manager) => this.addCustomer(manager, input));
    return {
      kind,
      storeId: input.storeId,
      added: outcome.added,
      ownerStaff: await this.staffRef(outcome.ownerStaffId),
      welcomeCouponId: outcome.welcomeCouponId,
      arrived: false,
      regionCode: input.regionCode ?? null,
    };
  }

  /** The store nearest the customer (LBS over the stores' coordinates); null without a location. */
  private async nearestStoreId({ lat, lng }: { lat?: number; lng?: number }): Promise<number | null> {
    if (lat === undefined || lng === undefined) return null;
    const nearest = await this.stores.listStores({ lat, lng, page: 1, pageSize: 1 });
    return nearest.items[0]?.id ?? null;
  }

  /** The first login's scene (`MemberRegistered`): a staff or store code adds the customer at once. */
  async addFromFirstLogin(manager: EntityManager, memberId: number, scene: string | null): Promise<void> {
    const parsed = parseCustomerScene(scene);
    if (parsed?.kind === 'staff') {
      const staff = await this.staff.findStaff(parsed.staffId);
      if (!staff || !staff.active) return;
      await this.addCustomer(manager, {
        memberId,
        channel: 'staff_qr',
        staffId: staff.id,
        storeId: staff.storeId,
        welcome: true,
      });
    } else if (parsed?.kind === 'store' && (await this.stores.exists(parsed.storeId))) {
      await this.addCustomer(manager, {
        memberId,
        channel: 'store_qr',
        staffId: null,
        storeId: parsed.storeId,
        welcome: true,
      });
    }
  }

  /**
   * `POST /admin/transfers`: moves the from-staff's customers (all, or those listed) to another
   * active staff member, with a history row and `OwnerChanged` for each, in one transaction. A
   * manager moves only between staff of their own store.
   */
  async transfer(principal: Principal, request: TransferRequest): Promise<TransferResult> {
    if (request.fromStaffId === request.toStaffId) {
      throw new DomainError(ErrorCode.TRANSFER_SAME_STAFF, 'A transfer needs two different staff members.', [
        { field: 'toStaffId', message: 'must differ from fromStaffId' },
      ]);
    }
    const [from, to] = await Promise.all([
      this.staff.findStaff(request.fromStaffId),
      this.staff.findStaff(request.toStaffId),
    ]);
    if (!from) throw invalidStaff('fromStaffId', 'No such staff member in this chain.');
    if (!to) throw invalidStaff('toStaffId', 'No such staff member in this chain.');
    if (!to.active) throw invalidStaff('toStaffId', 'The receiving staff account is disabled.');
    if (to.role === 'admin') throw invalidStaff('toStaffId', 'HQ admins do not serve customers.');
    if (principal.role !== 'admin') {
      if (from.storeId !== principal.storeId)
        throw invalidStaff('fromStaffId', 'This staff member is not of your store.');
      if (to.storeId !== principal.storeId)
        throw invalidStaff('toStaffId', 'This staff member is not of your store.');
    }
    const memberIds = request.memberIds ? [...new Set(request.memberIds)] : null;
    const moved = await this.tx.run(async (manager) => {
      const ids = await this.members.moveOwners(manager, from.id, to.id, memberIds);
      const now = this.clock.now();
      if (ids.length) {
        await manager.insert(
          OwnerChangeEntity,
          ids.map((memberId) => ({
            memberId,
            fromStaffId: from.id,
            toStaffId: to.id,
            reason: 'transfer' as const,
            changedByStaffId: principal.id,
            changedAt: now,
          })),
        );
      }
      for (const memberId of ids) {
        await this.events.publish(manager, 'OwnerChanged', memberId, {
          memberId,
          fromStaffId: from.id,
          toStaffId: to.id,
          reason: 'transfer',
        });
      }
      return ids.length;
    });
    return { transferred: moved };
  }

  /** `GET /admin/staff`: a manager sees their store's staff, an admin everyone's (or one store's). */
  async listStaff(principal: Principal, storeId?: number): Promise<StaffMemberSummary[]> {
    const scope = principal.role === 'admin' ? (storeId ?? null) : principal.storeId;
    if (scope === null && principal.role !== 'admin') return [];
    const rows = await this.staff.listStaff(scope);
    return rows.map(({ id, name, role, storeId: home, active }) => ({
      id,
      name,
      role,
      storeId: home,
      active,
    }));
  }

  /** `GET /admin/staff/:id/customers`: the customers a staff member owns (a manager: staff of their store only). */
  async customersOf(principal: Principal, staffId: number, query: PageQuery): Promise<Page<CustomerSummary>> {
    const staff = await this.staff.findStaff(staffId);
    if (!staff || (principal.role !== 'admin' && staff.storeId !== principal.storeId)) {
      throw invalidStaff('staffId', 'No such staff member in your store.');
    }
    return this.members.listOwnedBy(staffId, query);
  }

  /** A history row and `OwnerChanged`, in the caller's transaction, for an owner change made there. */
  async recordChange(
    manager: EntityManager,
    memberId: number,
    fromStaffId: number | null,
    toStaffId: number,
    reason: OwnerChangeReason,
    changedByStaffId: number | null,
  ): Promise<void> {
    await manager.insert(OwnerChangeEntity, {
      memberId,
      fromStaffId,
      toStaffId,
      reason,
      changedByStaffId,
      changedAt: this.clock.now(),
    });
    await this.events.publish(manager, 'OwnerChanged', memberId, {
      memberId,
      fromStaffId,
      toStaffId,
      reason,
    });
  }

  /** The owner, how the customer was added and every owner change, newest first (staff card). */
  async ownership(memberId: number): Promise<CustomerOwnership> {
    const member = await this.members.getMember(memberId);
    const { addedVia, history } = await this.historyOf(memberId);
    return { memberId, owner: await this.staffRef(member.ownerStaffId), addedVia, history };
  }

  private async historyOf(memberId: number): Promise<Pick<CustomerOwnership, 'addedVia' | 'history'>> {
    const [rows, addition] = await Promise.all([
      this.changes.find({ where: { memberId }, order: { id: 'DESC' }, take: 100 }),
      this.additions.findOneBy({ memberId }),
    ]);
    const names = await this.staff.namesOf(
      rows
        .flatMap((row) => [row.fromStaffId, row.toStaffId, row.changedByStaffId])
        .filter((id): id is number => id !== null),
    );
    const ref = (id: number | null): StaffRef | null =>
      id === null ? null : { id, name: names.get(id)?.name ?? '' };
    return {
      addedVia: addition
        ? {
            channel: addition.channel,
            storeId: addition.storeId,
            regionCode: addition.regionCode,
            at: addition.addedAt.toISOString(),
          }
        : null,
      history: rows.map((row) => ({
        id: row.id,
        memberId: row.memberId,
        from: ref(row.fromStaffId),
        to: ref(row.toStaffId) as StaffRef,
        reason: row.reason,
        changedBy: ref(row.changedByStaffId),
        changedAt: row.changedAt.toISOString(),
      })),
    };
  }

  /** The staff member's add-me code (`wxacode.getUnlimited`, scene `s:<staffId>`). */
  async staffQrCode(staffId: number): Promise<StaffQrCode> {
    await this.staff.getStaff(staffId);
    return this.qrCode(`s:${staffId}`, { staffId });
  }

  /** A store's add-me (`st:`) or counter (`c:`) code. */
  async storeQrCode(storeId: number, kind: 'add' | 'counter'): Promise<StaffQrCode> {
    await this.stores.getStore(storeId);
    return this.qrCode(`${kind === 'add' ? 'st' : 'c'}:${storeId}`, { staffId: null });
  }

  private async qrCode(scene: string, { staffId }: { staffId: number | null }): Promise<StaffQrCode> {
    const { contentType, image } = await this.wechat.unlimitedQrCode(scene, QR_PAGE);
    return {
      staffId: staffId ?? 0,
      scene,
      page: QR_PAGE,
      image: `data:${contentType};base64,${image.toString('base64')}`,
    };
  }

  async welcomeRules(): Promise<WelcomeRules> {
    const rules = await this.rules.findOneBy({ id: 1 });
    return {
      unregisteredTemplateId: rules?.unregisteredTemplateId ?? null,
      registeredTemplateId: rules?.registeredTemplateId ?? null,
    };
  }

  /** `PUT /admin/welcome-rules`: each template must be a welcome-channel template. */
  async setWelcomeRules(input: WelcomeRules): Promise<WelcomeRules> {
    for (const field of ['unregisteredTemplateId', 'registeredTemplateId'] as const) {
      const id = input[field];
      if (id === null) continue;
      const [template] = await this.coupons.templatesByIds([id]);
      if (!template || template.channel !== 'welcome') {
        throw new DomainError(
          ErrorCode.WELCOME_TEMPLATE_INVALID,
          'A welcome rule needs a welcome-channel template.',
          [{ field, message: `template ${id} is not a welcome-channel coupon template` }],
        );
      }
    }
    await this.rules.save({ id: 1, ...input });
    return this.welcomeRules();
  }

  private async staffRef(staffId: number | null): Promise<StaffRef | null> {
    if (staffId === null) return null;
    const name = (await this.staff.namesOf([staffId])).get(staffId);
    return { id: staffId, name: name?.name ?? '' };
  }

  /** The member's additions, owner history and arrivals for the PIPL export. */
  async exportFor(memberId: number): Promise<CustomersExport> {
    const [ownership, arrivals] = await Promise.all([
      this.historyOf(memberId),
      this.arrivals.find({ where: { memberId }, order: { id: 'ASC' } }),
    ]);
    return {
      addedVia: ownership.addedVia,
      ownerHistory: ownership.history,
      arrivals: arrivals.map((arrival) => ({ storeId: arrival.storeId, day: arrival.day })),
    };
  }
}
