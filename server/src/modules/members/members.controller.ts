import { Controller, Get } from '@nestjs/common';
import { ApiTags, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ErrorCode, type Member, type MemberCode } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { MembersService } from './members.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { MemberCodeDto, MemberDto } from './dto/member.dto';

@ApiTags('members')
@Controller('me')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Roles('customer')
  @ApiOperation({ summary: 'Get the signed-in member' })
  @ApiOkResponse({ type: MemberDto })
  @ApiErrors(ErrorCode.MEMBER_NOT_FOUND)
  async getMe(@CurrentPrincipal() principal: Principal): Promise<Member> {
    return this.members.toMember(await this.members.getMember(principal.id));
  }

  @Get('member-code')
  @Roles('customer')
  @ApiOperation({
    summary: 'Get the rotating member code',
    description:
      'A new code every 30 s (the previous one is accepted for one more step); drawn as a QR code and a barcode. ' +
      'Staff find the member with `GET /staff/customers?q=<code>`.',
  })
  @ApiOkResponse({ type: MemberCodeDto })
  @ApiErrors(ErrorCode.MEMBER_NOT_FOUND)
  async memberCode(@CurrentPrincipal() principal: Principal): Promise<MemberCode> {
    return this.members.memberCode(principal.id);
  }
}
