import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  referralCodeOfScene,
  type Member,
  type StaffLoginResponse,
  type WechatLoginResponse,
} from '@lensloop/shared';
import type { TokenClaims } from '../../common/auth/principal';
import { WechatClient } from '../../infra/wechat/wechat-client';
import { MembersService } from '../members/members.service';
import { toStaffProfile, StaffService } from '../staff/staff.service';
import { StoresService } from '../stores/stores.service';
import type { StaffLoginDto } from './dto/staff-login.dto';
import type { WechatLoginDto } from './dto/wechat-login.dto';

@Injectable()
export class AuthService {
  constructor(
    private readonly wechat: WechatClient,
    private readonly members: MembersService,
    private readonly staff: StaffService,
    private readonly jwt: JwtService,
    private readonly stores: StoresService,
  ) {}

  async loginWithWechat(request: WechatLoginDto): Promise<WechatLoginResponse> {
    const session = await this.wechat.codeToSession(request.code);
    // A store id from a scanned QR that no longer exists is ignored rather than failing the login.
    const homeStoreId =
      request.storeId && (await this.stores.exists(request.storeId)) ? request.storeId : null;
    // A friend's invitation arrives as `referralCode` (share link) or as the scene `ref:<code>`
    // (mini-program code); the referrals module judges it from `MemberRegistered`, never failing the login.
    const { member, isNew } = await this.members.loginWithWechat(session, {
      homeStoreId,
      referralCode: request.referralCode || referralCodeOfScene(request.scene),
      scene: request.scene ?? null,
      scannedAt: request.scannedAt ?? null,
    });
    const token = await this.sign({ sub: member.id, role: 'customer', storeId: null });
    return { token, member: await this.members.toMember(member), isNew };
  }

  async bindPhone(memberId: number, code: string): Promise<{ member: Member }> {
    const phone = await this.wechat.phoneNumber(code);
    const member = await this.members.bindPhone(memberId, phone);
    return { member: await this.members.toMember(member) };
  }

  async loginStaff(request: StaffLoginDto): Promise<StaffLoginResponse> {
    const staff = await this.staff.authenticate(request.username, request.password);
    const token = await this.sign({ sub: staff.id, role: staff.role, storeId: staff.storeId });
    return { token, staff: toStaffProfile(staff) };
  }

  private sign(claims: TokenClaims): Promise<string> {
    return this.jwt.signAsync({ ...claims });
  }
}
