import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FamilyProfile } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { CreateProfileDto, UpdateProfileDto } from './dto/create-profile.dto';
import { ProfilesService, toFamilyProfile } from './profiles.service';

@ApiTags('members')
@ApiBearerAuth()
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

  @Patch(':profileId')
  @Roles('customer')
  async updateProfile(
    @CurrentPrincipal() principal: Principal,
    @Param('profileId', IdPipe) profileId: number,
    @Body() body: UpdateProfileDto,
  ): Promise<FamilyProfile> {
    return toFamilyProfile(await this.profiles.updateProfile(principal.id, profileId, body));
  }
}
