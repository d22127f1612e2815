import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FamilyProfile } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { CreateProfileDto } from './dto/create-profile.dto';
import { ProfilesService, toFamilyProfile } from './profiles.service';

@ApiTags('members')
@Controller('me/profiles')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @Roles('customer')
  async listProfiles(@CurrentPrincipal() principal: Principal): Promise<FamilyProfile[]> {
    return (await this.profiles.listProfiles(principal.id)).map(toFamilyProfile);
  }

  @Post()
  @Roles('customer')
  async createProfile(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateProfileDto,
  ): Promise<FamilyProfile> {
    return toFamilyProfile(await this.profiles.createProfile(principal.id, body));
  }
}
