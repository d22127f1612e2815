import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, type FamilyProfile } from '@lensloop/shared';
import { In, Repository, type EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import type { CreateProfileDto, UpdateProfileDto } from './dto/create-profile.dto';
import { ProfileEntity } from './entities/profile.entity';

export function toFamilyProfile(profile: ProfileEntity): FamilyProfile {
  return { id: profile.id, name: profile.name, relation: profile.relation, birthDate: profile.birthDate };
}

function invalidBirthDate(message: string): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, 'The request is not valid.', [
    { field: 'birthDate', message },
  ]);
}

@Injectable()
export class ProfilesService implements PersonalDataContributor, OnModuleInit {
  readonly section = 'profiles';

  constructor(
    @InjectRepository(ProfileEntity) private readonly profiles: Repository<ProfileEntity>,
    private readonly personalData: PersonalDataRegistry,
    private readonly clock: BusinessClock,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  async exportFor(memberId: number): Promise<FamilyProfile[]> {
    return (await this.listProfiles(memberId)).map(toFamilyProfile);
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(ProfileEntity, { memberId });
  }

  listProfiles(memberId: number): Promise<ProfileEntity[]> {
    return this.profiles.find({ where: { memberId }, order: { id: 'ASC' } });
  }

  /** Profile names by id, for lists that name the person (appointments). */
  async namesByIds(profileIds: readonly number[]): Promise<Map<number, string>> {
    const profiles = profileIds.length
      ? await this.profiles.findBy({ id: In([...new Set(profileIds)]) })
      : [];
    return new Map(profiles.map((profile) => [profile.id, profile.name]));
  }

  async createProfile(memberId: number, body: CreateProfileDto): Promise<ProfileEntity> {
    this.requirePastBirthDate(body.birthDate);
    return this.profiles.save(
      this.profiles.create({
        memberId,
        name: body.name,
        relation: body.relation,
        birthDate: body.birthDate ?? null,
      }),
    );
  }

  /** Renames a profile or sets its birth date (the member's own one, say); a child keeps one. */
  async updateProfile(memberId: number, profileId: number, body: UpdateProfileDto): Promise<ProfileEntity> {
    const profile = await this.getProfile(memberId, profileId);
    if (body.birthDate !== undefined) {
      if (body.birthDate === null && profile.relation === 'child') {
        throw invalidBirthDate('birthDate is required for a child');
      }
      this.requirePastBirthDate(body.birthDate);
      profile.birthDate = body.birthDate;
    }
    if (body.name !== undefined) profile.name = body.name;
    return this.profiles.save(profile);
  }

  /** The member's profile `profileId`, or their own profile when it is absent; 404 for anyone else's. */
  async getProfile(
    memberId: number,
    profileId?: number,
    manager: EntityManager = this.profiles.manager,
  ): Promise<ProfileEntity> {
    const profile = await manager.findOneBy(
      ProfileEntity,
      profileId === undefined ? { memberId, relation: 'self' } : { memberId, id: profileId },
    );
    if (!profile) throw new DomainError(ErrorCode.PROFILE_NOT_FOUND, 'No such profile.');
    return profile;
  }

  private requirePastBirthDate(birthDate: string | null | undefined): void {
    if (birthDate && birthDate > this.clock.today())
      throw invalidBirthDate('birthDate must not be in the future');
  }
}
