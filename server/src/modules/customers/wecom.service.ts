import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  parseCustomerScene,
  type WecomContactWay,
  type WecomContactWayRequest,
} from '@lensloop/shared';
import { In, IsNull, Not, Repository, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { DeliveredEvent, DomainEvents } from '../../infra/events/domain-events';
import { EventBus } from '../../infra/events/event-bus';
import { WecomAccess } from '../../infra/wecom/wecom.module';
import { WecomCryptoError, xmlField, xmlFields } from '../../infra/wecom/wecom-crypto';
import { MembersService } from '../members/members.service';
import { StaffService } from '../staff/staff.service';
import { StoresService } from '../stores/stores.service';
import { CustomersService, QR_PAGE } from './customers.service';
import { WecomCallbackEntity } from './entities/wecom-callback.entity';
import { WecomContactWayEntity } from './entities/wecom-contact-way.entity';
import { WecomCorpTagEntity } from './entities/wecom-corp-tag.entity';
import { WecomExternalContactEntity } from './entities/wecom-external-contact.entity';

/** WeCom's limit on a corp tag's name, and the tag group LensLoop's tags are added to. */
const WECOM_TAG_NAME_MAX = 30;
const WECOM_TAG_GROUP = 'LensLoop';

/** WeCom refuses a callback older than this; a nonce is remembered at least as long. */
export const CALLBACK_MAX_AGE_SECONDS = 300;

export interface CallbackQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

function refused(code: ErrorCode, field: string, error: { errcode: number; errmsg: string }): DomainError {
  // WeCom's own error answer (WXBizMsgCrypt's code and name) goes in the details.
  return new DomainError(code, `WeCom callback refused: ${error.errcode} ${error.errmsg}`, [
    { field, message: `${error.errcode} ${error.errmsg}` },
  ]);
}

/**
 * WeCom (企业微信): contact-way codes per staff and store whose `state` attributes the owner,
 * the signed and encrypted callback (verified, stored and acknowledged at once, then handled from
 * the outbox: add/delete external contact, group chat changes), welcome messages, and customer
 * transfers mirrored to WeCom with `transfer_result` polling. Without WeCom config nothing here
 * runs and every feature works from the mini-program.
 */
@Injectable()
export class WecomService implements OnModuleInit {
  private readonly logger = new Logger(WecomService.name);

  constructor(
    private readonly wecom: WecomAccess,
    @InjectRepository(WecomContactWayEntity) private readonly contactWays: Repository<WecomContactWayEntity>,
    @InjectRepository(WecomExternalContactEntity)
    private readonly contacts: Repository<WecomExternalContactEntity>,
    @InjectRepository(WecomCorpTagEntity) private readonly corpTags: Repository<WecomCorpTagEntity>,
    private readonly tx: TransactionRunner,
    private readonly events: EventBus,
    private readonly clock: BusinessClock,
    private readonly customers: CustomersService,
    private readonly members: MembersService,
    private readonly staff: StaffService,
    private readonly stores: StoresService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      name: 'customers.wecom-callback',
      type: 'WecomCallbackReceived',
      mode: 'external',
      handle: (event) => this.handleCallback(event),
    });
    this.events.subscribe({
      name: 'customers.wecom-link-on-register',
      type: 'MemberRegistered',
      mode: 'transactional',
      handle: (event, manager) => this.linkOnRegister(manager as EntityManager, event.payload.memberId),
    });
    this.events.subscribe({
      name: 'customers.wecom-mark-tag',
      type: 'ManualTagChanged',
      mode: 'external',
      handle: (event) => this.mirrorTag(event.payload),
    });
    this.events.subscribe({
      name: 'customers.wecom-transfer',
      type: 'OwnerChanged',
      mode: 'external',
      handle: (event) => this.mirrorTransfer(event),
    });
  }

  get configured(): boolean {
    return this.wecom.client !== null;
  }

  private client() {
    if (!this.wecom.client)
      throw new DomainError(ErrorCode.WECOM_NOT_CONFIGURED, 'This chain has no WeCom configured.');
    return this.wecom.client;
  }

  /** `POST /admin/wecom/contact-ways`: a contact-way code of a staff member (state `s:<id>`) or a store (`st:<id>`). */
  async createContactWay(request: WecomContactWayRequest): Promise<WecomContactWay> {
    const client = this.client();
    if ((request.staffId === undefined) === (request.storeId === undefined)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Give either staffId or storeId.', [
        { field: 'staffId', message: 'exactly one of staffId and storeId' },
      ]);
    }
    let state: string;
    if (request.staffId !== undefined) {
      const staff = await this.staff.findStaff(request.staffId);
      if (!staff || !staff.active) {
        throw new DomainError(ErrorCode.TRANSFER_STAFF_INVALID, 'No such active staff member.', [
          { field: 'staffId', message: 'unknown or disabled' },
        ]);
      }
      state = `s:${staff.id}`;
    } else {
      await this.stores.getStore(request.storeId as number);
      state = `st:${request.storeId}`;
    }
    const created = await client.addContactWay(request.userid, state);
    await this.contactWays.delete({ state });
    const row = await this.contactWays.save({
      configId: created.config_id,
      state,
      userid: request.userid,
      staffId: request.staffId ?? null,
      storeId: request.storeId ?? null,
      qrCode: created.qr_code,
    });
    return {
      configId: row.configId,
      state: row.state,
      qrCode: row.qrCode,
      staffId: row.staffId,
      storeId: row.storeId,
      userid: row.userid,
    };
  }

  /** `GET /wecom/callback`: WeCom checks the URL with a signed, encrypted echostr; the answer is its plaintext. */
  verifyUrl(query: CallbackQuery): string {
    const crypto = this.requireCrypto();
    const { msg_signature: signature, timestamp, nonce, echostr } = query;
    if (!signature || !timestamp || !nonce || !echostr) {
      throw refused(ErrorCode.WECOM_CALLBACK_MALFORMED, 'echostr', {
        errcode: -40002,
        errmsg: 'ParseXml_Error',
      });
    }
    if (!crypto.verify(signature, timestamp, nonce, echostr)) {
      throw refused(ErrorCode.WECOM_SIGNATURE_INVALID, 'msg_signature', {
        errcode: -40001,
        errmsg: 'ValidateSignature_Error',
      });
    }
    try {
      return crypto.decrypt(echostr);
    } catch (error) {
      throw this.cryptoRefusal(error);
    }
  }

  /**
   * `POST /wecom/callback`: verifies the signature, the age of the timestamp and decrypts; the
   * message is stored with its nonce (unique: a replay is refused) and `WecomCallbackReceived` in
   * one transaction, and acknowledged. A refused callback changes nothing.
   */
  async receive(query: CallbackQuery, body: string): Promise<void> {
    const crypto = this.requireCrypto();
    const { msg_signature: signature, timestamp, nonce } = query;
    const encrypted = xmlField(body, 'Encrypt');
    if (
      !signature ||
      !timestamp ||
      !nonce ||
      !encrypted ||
      !/^\d{1,12}$/.test(timestamp) ||
      nonce.length > 64
    ) {
      throw refused(ErrorCode.WECOM_CALLBACK_MALFORMED, 'body', {
        errcode: -40002,
        errmsg: 'ParseXml_Error',
      });
    }
    if (!crypto.verify(signature, timestamp, nonce, encrypted)) {
      throw refused(ErrorCode.WECOM_SIGNATURE_INVALID, 'msg_signature', {
        errcode: -40001,
        errmsg: 'ValidateSignature_Error',
      });
    }
    const ageSeconds = Math.abs(this.clock.nowMs() / 1000 - Number(timestamp));
    if (ageSeconds > CALLBACK_MAX_AGE_SECONDS) {
      throw refused(ErrorCode.WECOM_CALLBACK_REPLAYED, 'timestamp', {
        errcode: -40001,
        errmsg: 'timestamp expired',
      });
    }
    let message: string;
    try {
      message = crypto.decrypt(encrypted);
    } catch (error) {
      throw this.cryptoRefusal(error);
    }
    const fields = xmlFields(message);
    if (!fields || !fields.Event) {
      throw refused(ErrorCode.WECOM_CALLBACK_MALFORMED, 'body', {
        errcode: -40002,
        errmsg: 'ParseXml_Error',
      });
    }
    try {
      await this.tx.run(async (manager) => {
        const stored = await manager.save(
          manager.create(WecomCallbackEntity, {
            nonce,
            event: fields.Event.slice(0, 40),
            changeType: (fields.ChangeType ?? '').slice(0, 40),
            fields,
            receivedAt: this.clock.now(),
          }),
        );
        await this.events.publish(manager, 'WecomCallbackReceived', stored.id, { callbackId: stored.id });
      });
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw refused(ErrorCode.WECOM_CALLBACK_REPLAYED, 'nonce', {
          errcode: -40001,
          errmsg: 'nonce replayed',
        });
      }
      throw error;
    }
  }

  private requireCrypto() {
    if (!this.wecom.crypto)
      throw new DomainError(ErrorCode.WECOM_NOT_CONFIGURED, 'This chain has no WeCom configured.');
    return this.wecom.crypto;
  }

  private cryptoRefusal(error: unknown): DomainError {
    if (error instanceof WecomCryptoError)
      return refused(ErrorCode.WECOM_CALLBACK_MALFORMED, 'Encrypt', error);
    return refused(ErrorCode.WECOM_CALLBACK_MALFORMED, 'Encrypt', {
      errcode: -40007,
      errmsg: 'DecryptAES_Error',
    });
  }

  /** Handles a stored callback (outbox, `external`: may run again, so every step is idempotent). */
  private async handleCallback(event: DeliveredEvent<'WecomCallbackReceived'>): Promise<void> {
    const callback = await this.tx.run((manager) =>
      manager.findOneBy(WecomCallbackEntity, { id: event.payload.callbackId }),
    );
    if (!callback) return;
    const fields = callback.fields;
    if (callback.event === 'change_external_contact') {
      if (
        callback.changeType === 'add_external_contact' ||
        callback.changeType === 'add_half_external_contact'
      ) {
        await this.contactAdded(fields);
      } else if (
        callback.changeType === 'del_external_contact' ||
        callback.changeType === 'del_follow_user'
      ) {
        await this.contacts.update(
          { externalUserid: fields.ExternalUserID ?? '', deletedAt: IsNull() },
          { deletedAt: this.clock.now() },
        );
      } else if (callback.changeType === 'edit_external_contact') {
        await this.tagsEdited(fields);
      }
    } else if (callback.event === 'change_external_chat' && callback.changeType === 'update') {
      await this.groupChanged(fields);
    }
  }

  /** add_external_contact: the contact linked to the member by unionid, the owner from state / userid, the welcome sent. */
  private async contactAdded(fields: Record<string, string>): Promise<void> {
    const externalUserid = fields.ExternalUserID;
    const userid = fields.UserID;
    if (!externalUserid || !userid) return;
    const state = fields.State || null;
    const { unionid } = await this.client().getExternalContact(externalUserid);
    const member = unionid ? await this.members.findByUnionid(unionid) : null;
    const way =
      (state ? await this.contactWays.findOneBy({ state }) : null) ??
      (await this.contactWays.findOne({ where: { userid, staffId: Not(IsNull()) } }));
    const scene = parseCustomerScene(state);
    const staffId = way?.staffId ?? (scene?.kind === 'staff' ? scene.staffId : null);
    let storeId = way?.storeId ?? (scene?.kind === 'store' ? scene.storeId : null);
    const outcome = await this.tx.run(async (manager) => {
      try {
        await manager.insert(WecomExternalContactEntity, {
          externalUserid,
          userid,
          memberId: member?.id ?? null,
          unionid,
          state,
          addedAt: this.clock.now(),
          deletedAt: null,
          welcomeSentAt: null,
          transferToUserid: null,
          transferResigned: false,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        await manager.update(
          WecomExternalContactEntity,
          { externalUserid },
          { userid, deletedAt: null, ...(member ? { memberId: member.id, unionid } : {}) },
        );
      }
      if (!member) return null;
      const staff = staffId ? await this.staff.findStaff(staffId) : null;
      const activeStaffId = staff?.active ? staff.id : null;
      storeId ??= staff?.storeId ?? null;
      return this.customers.addCustomer(manager, {
        memberId: member.id,
        channel: 'wecom',
        staffId: activeStaffId,
        storeId,
        welcome: true,
      });
    });
    await this.sendWelcome(externalUserid, fields.WelcomeCode, outcome);
  }

  /** send_welcome_msg once per add (text + the welcome coupon's mini-program card), within WeCom's 20 s. */
  private async sendWelcome(
    externalUserid: string,
    welcomeCode: string | undefined,
    outcome: { welcomeCouponId: number | null; registered: boolean } | null,
  ): Promise<void> {
    if (!welcomeCode || !this.wecom.client) return;
    const contact = await this.contacts.findOneBy({ externalUserid });
    if (!contact || contact.welcomeSentAt) return;
    const registered = outcome?.registered ?? false;
    const text = registered
      ? '您好，我是您的专属顾问。送您一张到店礼券，下次配镜直接使用～'
      : '您好，我是您的专属顾问。点击下方小程序注册会员，领取新人礼券～';
    const page = outcome?.welcomeCouponId
      ? `pages/coupons/index?couponId=${outcome.welcomeCouponId}`
      : QR_PAGE;
    try {
      await this.wecom.client.sendWelcomeMsg(welcomeCode, text, {
        title: registered ? '到店礼券已放入您的卡包' : '注册会员领新人礼',
        page,
        appid: this.config.wechat.appId,
      });
    } catch (error) {
      // The code is good for 20 seconds and once: past that a retry can never succeed.
      if (error instanceof Error && /WeCom error 41051/.test(error.message)) {
        this.logger.warn(`welcome message for ${externalUserid} not sent: the welcome code expired`);
        return;
      }
      throw error;
    }
    await this.contacts.update(
      { externalUserid, welcomeSentAt: IsNull() },
      { welcomeSentAt: this.clock.now() },
    );
  }

  /**
   * A customer who added a staff member in WeCom before using the mini-program: their first login
   * (same unionid) links the contact and makes that staff member the owner.
   */
  private async linkOnRegister(manager: EntityManager, memberId: number): Promise<void> {
    const member = await this.members.getMember(memberId, manager).catch(() => null);
    if (!member?.unionid) return;
    const contact = await manager.findOne(WecomExternalContactEntity, {
      where: { unionid: member.unionid, memberId: IsNull(), deletedAt: IsNull() },
      order: { addedAt: 'ASC' },
    });
    if (!contact) return;
    await manager.update(
      WecomExternalContactEntity,
      { externalUserid: contact.externalUserid },
      { memberId },
    );
    const way =
      (contact.state ? await manager.findOneBy(WecomContactWayEntity, { state: contact.state }) : null) ??
      (await manager.findOne(WecomContactWayEntity, {
        where: { userid: contact.userid, staffId: Not(IsNull()) },
      }));
    const staff = way?.staffId ? await this.staff.findStaff(way.staffId) : null;
    await this.customers.addCustomer(manager, {
      memberId,
      channel: 'wecom',
      staffId: staff?.active ? staff.id : null,
      storeId: way?.storeId ?? staff?.storeId ?? null,
      welcome: true,
    });
  }

  /** Group chat changes: each member who joined or left, by their external contact. */
  private async groupChanged(fields: Record<string, string>): Promise<void> {
    const chatId = fields.ChatId;
    const detail = fields.UpdateDetail;
    if (!chatId || (detail !== 'add_member' && detail !== 'del_member')) return;
    const externals = [
      ...(fields.MemChangeList ?? '').matchAll(/<Item>(?:<!\[CDATA\[)?([\w-]+)(?:\]\]>)?<\/Item>/g),
    ].map((match) => match[1]);
    if (externals.length === 0) return;
    const linked = await this.contacts.find({
      where: { externalUserid: In(externals), memberId: Not(IsNull()) },
    });
    if (linked.length === 0) return;
    await this.tx.run(async (manager) => {
      for (const contact of linked) {
        await this.events.publish(manager, 'GroupChatMembershipChanged', `${chatId}:${contact.memberId}`, {
          chatId,
          memberId: contact.memberId as number,
          change: detail === 'add_member' ? 'join' : 'leave',
        });
      }
    });
  }

  /**
   * A manual tag staff put on or took off in LensLoop goes onto the member's WeCom contact
   * (`mark_tag`, idempotent, so a repeat delivery is harmless); one that came from WeCom does not
   * go back. Names longer than WeCom's 30 characters stay in LensLoop only.
   */
  private async mirrorTag(change: DomainEvents['ManualTagChanged']): Promise<void> {
    if (!this.wecom.client || change.source === 'wecom' || change.name.length > WECOM_TAG_NAME_MAX) return;
    const contact = await this.contacts.findOneBy({ memberId: change.memberId, deletedAt: IsNull() });
    if (!contact) return;
    const added = change.change === 'added';
    const tagId = await this.corpTagId(change.name, added);
    if (!tagId) return;
    await this.wecom.client.markTag(
      contact.userid,
      contact.externalUserid,
      added ? [tagId] : [],
      added ? [] : [tagId],
    );
    const seen = new Set(contact.tagNames ?? []);
    if (added) seen.add(change.name);
    else seen.delete(change.name);
    await this.contacts.update({ externalUserid: contact.externalUserid }, { tagNames: [...seen].sort() });
  }

  /**
   * The corp tag of this name in WeCom's library: known, found in the library, or (`add`) added
   * to it; null when it is not there and not to be added.
   */
  private async corpTagId(name: string, add: boolean): Promise<string | null> {
    const known = await this.corpTags.findOneBy({ name });
    if (known) return known.tagId;
    const client = this.client();
    let tag = (await client.corpTags()).find((corpTag) => corpTag.name === name);
    if (!tag && !add) return null;
    tag ??= (await client.addCorpTags(WECOM_TAG_GROUP, [name])).find((corpTag) => corpTag.name === name);
    if (!tag) throw new Error(`WeCom did not add the corp tag ${name}`);
    await this.corpTags.upsert({ name, tagId: tag.id }, ['name']);
    return tag.id;
  }

  /**
   * edit_external_contact: the staff member changed the contact's tags in WeCom; the difference
   * from the tags last seen on it goes to the tags module (`WecomContactTagsEdited`).
   */
  private async tagsEdited(fields: Record<string, string>): Promise<void> {
    const externalUserid = fields.ExternalUserID;
    if (!externalUserid) return;
    const contact = await this.contacts.findOneBy({ externalUserid, deletedAt: IsNull() });
    if (!contact?.memberId) return;
    const { followUsers } = await this.client().getExternalContact(externalUserid);
    const follow = followUsers.find((user) => user.userid === contact.userid);
    if (!follow) return;
    const now = new Set(follow.tagNames);
    const before = new Set(contact.tagNames ?? []);
    const added = [...now].filter((name) => !before.has(name)).sort();
    const removed = [...before].filter((name) => !now.has(name)).sort();
    await this.tx.run(async (manager) => {
      await manager.update(WecomExternalContactEntity, { externalUserid }, { tagNames: [...now].sort() });
      if (added.length + removed.length === 0) return;
      await this.events.publish(manager, 'WecomContactTagsEdited', String(contact.memberId), {
        memberId: contact.memberId as number,
        added,
        removed,
      });
    });
  }

  /**
   * A transfer in LensLoop moves the WeCom contact too: `transfer_customer`, or the resigned
   * variant for a departed (disabled) staff member; `transfer_result` polling finishes it.
   */
  private async mirrorTransfer(event: DeliveredEvent<'OwnerChanged'>): Promise<void> {
    const { memberId, fromStaffId, toStaffId, reason } = event.payload;
    if (!this.wecom.client || reason !== 'transfer' || fromStaffId === null) return;
    const contact = await this.contacts.findOneBy({ memberId, deletedAt: IsNull() });
    const target = await this.contactWays.findOneBy({ staffId: toStaffId });
    if (!contact || !target || contact.userid === target.userid) return;
    const from = await this.staff.findStaff(fromStaffId);
    const resigned = !from?.active;
    await this.wecom.client.transferCustomers(
      contact.userid,
      target.userid,
      [contact.externalUserid],
      resigned,
    );
    await this.contacts.update(
      { externalUserid: contact.externalUserid },
      { transferToUserid: target.userid, transferResigned: resigned },
    );
  }

  /** The `wecom-transfer-results` job: asks WeCom how pending transfers went; done ones move the contact. */
  async pollTransferResults(): Promise<number> {
    if (!this.wecom.client) return 0;
    const pending = await this.contacts.find({ where: { transferToUserid: Not(IsNull()) }, take: 500 });
    const groups = new Map<string, WecomExternalContactEntity[]>();
    for (const contact of pending) {
      const key = JSON.stringify([contact.userid, contact.transferToUserid, contact.transferResigned]);
      groups.set(key, [...(groups.get(key) ?? []), contact]);
    }
    let finished = 0;
    for (const [key, contacts] of groups) {
      const [handover, takeover, resigned] = JSON.parse(key) as [string, string, boolean];
      const result = await this.wecom.client.transferResult(handover, takeover, resigned);
      const done = new Set(
        (result.customer ?? [])
          .filter((customer) => customer.status === 1)
          .map((customer) => customer.external_userid),
      );
      for (const contact of contacts) {
        if (!done.has(contact.externalUserid)) continue;
        await this.contacts.update(
          { externalUserid: contact.externalUserid, transferToUserid: takeover },
          { userid: takeover, transferToUserid: null, transferResigned: false },
        );
        finished += 1;
      }
    }
    return finished;
  }

  /** The contacts of a member (staff card / tests). */
  contactsOf(memberId: number, manager?: EntityManager): Promise<WecomExternalContactEntity[]> {
    return (manager ?? this.contacts.manager).findBy(WecomExternalContactEntity, { memberId });
  }
}
