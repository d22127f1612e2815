import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Member } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { MembersService } from './members.service';

@ApiTags('members')
@Controller('me')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Roles('customer')
  async getMe(@CurrentPrincipal() principal: Principal): Promise<Member> {
    return this.members.toMember(await this.members.getMember(principal.id));
  }
}
