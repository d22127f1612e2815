import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  shanghaiDayRange,
  type Appointment,
  type AppointmentSettings,
  type AppointmentSlot,
  type Page,
  type StaffAppointment,
} from '@lensloop/shared';
import { Between, MoreThan, Repository, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { TransactionRunner } from '../../common/transaction';
import { ProfilesService } from '../members/profiles.service';
import { StaffService } from '../staff/staff.service';
import { StoresService } from '../stores/stores.service';
import type {
  AppointmentSettingsDto,
  AppointmentSlotQueryDto,
  BookAppointmentDto,
  StaffAppointmentQueryDto,
} from './dto/appointment.dto';
import { AppointmentSettingsEntity } from './entities/appointment-settings.entity';
import { AppointmentSlotEntity } from './entities/appointment-slot.entity';
import { AppointmentEntity } from './entities/appointment.entity';
import { daySlots, slotStartingAt, type SlotTime } from './policies/appointment-slots';

/** A store without its own settings: 30-minute slots, one appointment per optometrist. */
export const DEFAULT_APPOINTMENT_SETTINGS: AppointmentSettings = { slotMinutes: 30, perOptometrist: 1 };

function notFound(id: number): DomainError {
  return new DomainError(ErrorCode.APPOINTMENT_NOT_FOUND, `Appointment ${id} does not exist.`);
}

function notChangeable(): DomainError {
  return new DomainError(
    ErrorCode.APPOINTMENT_NOT_CHANGEABLE,
    'Only a booked appointment that has not begun can be changed.',
  );
}

/**
 * Eye-exam and re-check appointments. A slot's places are the store's active optometrists times
 * `perOptometrist`; taking one is a conditional increment of `appointment_slots.booked`, so the
 * database, not this process, keeps a slot from being overbooked.
 */
@Injectable()
export class AppointmentsService implements OnModuleInit, PersonalDataContributor {
  readonly section = 'appointments';

  constructor(
    @InjectRepository(AppointmentEntity) private readonly appointments: Repository<AppointmentEntity>,
    @InjectRepository(AppointmentSlotEntity) private readonly slots: Repository<AppointmentSlotEntity>,
    @InjectRepository(AppointmentSettingsEntity)
    private readonly settings: Repository<AppointmentSettingsEntity>,
    private readonly stores: StoresService,
    private readonly staff: StaffService,
    private readonly profiles: ProfilesService,
    private readonly clock: BusinessClock,
    private readonly tx: TransactionRunner,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async listSlots(storeId: number, query: AppointmentSlotQueryDto): Promise<AppointmentSlot[]> {
    const { hours, settings, capacity } = await this.storePlan(storeId);
    const slots = daySlots(query.date, hours, settings.slotMinutes);
    if (slots.length === 0) return [];
    const taken = await this.slots.findBy({
      storeId,
      startsAt: Between(slots[0].start, slots[slots.length - 1].start),
    });
    const bookedAt = new Map(taken.map((slot) => [slot.startsAt.getTime(), slot.booked]));
    const now = this.clock.nowMs();
    return slots.map((slot) => ({
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      capacity,
      // A slot that has begun can no longer be booked.
      available:
        slot.start.getTime() <= now ? 0 : Math.max(0, capacity - (bookedAt.get(slot.start.getTime()) ?? 0)),
    }));
  }

  async book(memberId: number, body: BookAppointmentDto): Promise<Appointment> {
    const profile = await this.profiles.getProfile(memberId, body.profileId);
    const { slot, capacity } = await this.bookableSlot(body.storeId, new Date(body.start));
    await this.ensureSlotRow(body.storeId, slot);
    const id = await this.tx.run(async (manager) => {
      await this.takePlace(manager, body.storeId, slot, capacity);
      const saved = await manager.save(
        manager.create(AppointmentEntity, {
          memberId,
          profileId: profile.id,
          storeId: body.storeId,
          service: body.service,
          startsAt: slot.start,
          endsAt: slot.end,
          status: 'booked',
        }),
      );
      return saved.id;
    });
    return this.getForMember(memberId, id);
  }

  async reschedule(memberId: number, appointmentId: number, start: string): Promise<Appointment> {
    const appointment = await this.changeable(memberId, appointmentId);
    const { slot, capacity } = await this.bookableSlot(appointment.storeId, new Date(start));
    if (slot.start.getTime() !== appointment.startsAt.getTime()) {
      await this.ensureSlotRow(appointment.storeId, slot);
      await this.tx.run(async (manager) => {
        await this.takePlace(manager, appointment.storeId, slot, capacity);
        const moved = await manager.update(
          AppointmentEntity,
          { id: appointment.id, status: 'booked', startsAt: appointment.startsAt },
          { startsAt: slot.start, endsAt: slot.end },
        );
        // Cancelled or moved by a concurrent request: roll the new place back with it.
        if (moved.affected !== 1) throw notChangeable();
        await this.releasePlace(manager, appointment.storeId, appointment.startsAt);
      });
    }
    return this.getForMember(memberId, appointmentId);
  }

  async cancel(memberId: number, appointmentId: number): Promise<Appointment> {
    const appointment = await this.changeable(memberId, appointmentId);
    await this.tx.run(async (manager) => {
      const cancelled = await manager.update(
        AppointmentEntity,
        { id: appointment.id, status: 'booked', startsAt: appointment.startsAt },
        { status: 'cancelled' },
      );
      if (cancelled.affected !== 1) throw notChangeable();
      await this.releasePlace(manager, appointment.storeId, appointment.startsAt);
    });
    return this.getForMember(memberId, appointmentId);
  }

  async listForMember(
    memberId: number,
    query: { page?: number; pageSize?: number },
  ): Promise<Page<Appointment>> {
    const window = pageWindow(query);
    const [rows, total] = await this.appointments.findAndCount({
      where: { memberId },
      order: { startsAt: 'DESC', id: 'DESC' },
      skip: window.skip,
      take: window.pageSize,
    });
    return toPage(await this.toAppointments(rows), total, window);
  }

  async getForMember(memberId: number, appointmentId: number): Promise<Appointment> {
    const row = await this.appointments.findOneBy({ id: appointmentId, memberId });
    if (!row) throw notFound(appointmentId);
    const [appointment] = await this.toAppointments([row]);
    return appointment;
  }

  /** The day's appointments of the caller's store (any store for an admin), earliest first. */
  async listForStaff(staff: Principal, query: StaffAppointmentQueryDto): Promise<Page<StaffAppointment>> {
    const day = !query.date || query.date === 'today' ? this.clock.today() : query.date;
    const [start, end] = shanghaiDayRange(day);
    const storeId = staff.role === 'admin' ? query.storeId : (staff.storeId ?? -1);
    const window = pageWindow(query);
    const [rows, total] = await this.appointments.findAndCount({
      where: {
        ...(storeId === undefined ? {} : { storeId }),
        startsAt: Between(start, new Date(end.getTime() - 1)),
      },
      order: { startsAt: 'ASC', id: 'ASC' },
      skip: window.skip,
      take: window.pageSize,
    });
    const appointments = await this.toAppointments(rows);
    return toPage(
      appointments.map((appointment, index) => ({ ...appointment, memberId: rows[index].memberId })),
      total,
      window,
    );
  }

  /** Staff record that the customer did not come; only once the appointment has begun. */
  async markNoShow(staff: Principal, appointmentId: number): Promise<StaffAppointment> {
    const row = await this.appointments.findOneBy({ id: appointmentId });
    if (!row || (staff.role !== 'admin' && row.storeId !== staff.storeId)) throw notFound(appointmentId);
    if (row.startsAt.getTime() > this.clock.nowMs()) {
      throw new DomainError(ErrorCode.APPOINTMENT_NOT_CHANGEABLE, 'The appointment has not begun yet.');
    }
    const marked = await this.appointments.update({ id: row.id, status: 'booked' }, { status: 'no_show' });
    if (marked.affected !== 1) throw notChangeable();
    const [appointment] = await this.toAppointments([{ ...row, status: 'no_show' }]);
    return { ...appointment, memberId: row.memberId };
  }

  /** A manager reads their own store's settings (another store's is not found); an admin any store's. */
  async getSettings(staff: Principal, storeId: number): Promise<AppointmentSettings> {
    if (staff.role !== 'admin' && staff.storeId !== storeId) {
      throw new DomainError(ErrorCode.STORE_NOT_FOUND, `Store ${storeId} does not exist.`);
    }
    await this.stores.getStore(storeId);
    return this.settingsOf(storeId);
  }

  /** A manager sets their own store's settings; an admin any store's. */
  async putSettings(
    staff: Principal,
    storeId: number,
    body: AppointmentSettingsDto,
  ): Promise<AppointmentSettings> {
    if (staff.role !== 'admin' && staff.storeId !== storeId) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Managers set their own store only.');
    }
    await this.stores.getStore(storeId);
    await this.settings.save(
      this.settings.create({ storeId, slotMinutes: body.slotMinutes, perOptometrist: body.perOptometrist }),
    );
    return this.settingsOf(storeId);
  }

  async exportFor(memberId: number): Promise<Appointment[]> {
    return this.toAppointments(await this.appointments.find({ where: { memberId }, order: { id: 'ASC' } }));
  }

  /** Frees the places of future bookings, then deletes every appointment of the member. */
  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    const upcoming = await manager.findBy(AppointmentEntity, {
      memberId,
      status: 'booked',
      startsAt: MoreThan(this.clock.now()),
    });
    for (const appointment of upcoming)
      await this.releasePlace(manager, appointment.storeId, appointment.startsAt);
    await manager.delete(AppointmentEntity, { memberId });
  }

  private async settingsOf(storeId: number): Promise<AppointmentSettings> {
    const row = await this.settings.findOneBy({ storeId });
    return row
      ? { slotMinutes: row.slotMinutes, perOptometrist: row.perOptometrist }
      : DEFAULT_APPOINTMENT_SETTINGS;
  }

  private async storePlan(storeId: number) {
    const store = await this.stores.getStore(storeId);
    const [settings, optometrists] = await Promise.all([
      this.settingsOf(storeId),
      this.staff.countActive(storeId, 'optometrist'),
    ]);
    return { hours: store.hours, settings, capacity: optometrists * settings.perOptometrist };
  }

  /** The slot starting at `start` if it is in the store's hours and in the future (409 otherwise). */
  private async bookableSlot(storeId: number, start: Date): Promise<{ slot: SlotTime; capacity: number }> {
    const { hours, settings, capacity } = await this.storePlan(storeId);
    const slot = slotStartingAt(start, hours, settings.slotMinutes);
    if (!slot) {
      throw new DomainError(ErrorCode.SLOT_OUTSIDE_HOURS, 'No slot starts then at this store.', [
        { field: 'start', message: `not a slot start within the store's hours ${hours}` },
      ]);
    }
    if (slot.start.getTime() <= this.clock.nowMs()) {
      throw new DomainError(ErrorCode.SLOT_IN_PAST, 'That slot has already begun.', [
        { field: 'start', message: 'must be in the future' },
      ]);
    }
    return { slot, capacity };
  }

  /**
   * Creates the slot's counter row if it is missing, in its own statement before the booking's
   * transaction: racing first bookings then never deadlock on the insert, and the transaction
   * uses only its own connection.
   */
  private async ensureSlotRow(storeId: number, slot: SlotTime): Promise<void> {
    await this.slots
      .createQueryBuilder()
      .insert()
      .into(AppointmentSlotEntity)
      .values({ storeId, startsAt: slot.start, booked: 0 })
      .orIgnore()
      .execute();
  }

  /** Takes one place of a slot, or 409 SLOT_FULL; the row lock of the UPDATE serialises bookers. */
  private async takePlace(
    manager: EntityManager,
    storeId: number,
    slot: SlotTime,
    capacity: number,
  ): Promise<void> {
    const taken = await manager
      .createQueryBuilder()
      .update(AppointmentSlotEntity)
      .set({ booked: () => 'booked + 1' })
      .where('store_id = :storeId AND starts_at = :start AND booked < :capacity')
      .setParameters({ storeId, start: slot.start, capacity })
      .execute();
    if (taken.affected !== 1) {
      throw new DomainError(ErrorCode.SLOT_FULL, 'That slot is fully booked.', [
        { field: 'start', message: 'no place left in this slot' },
      ]);
    }
  }

  private async releasePlace(manager: EntityManager, storeId: number, start: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(AppointmentSlotEntity)
      .set({ booked: () => 'booked - 1' })
      .where('store_id = :storeId AND starts_at = :start AND booked > 0')
      .setParameters({ storeId, start })
      .execute();
  }

  /** The member's booked appointment that has not begun; 404 for anyone else's, 409 otherwise. */
  private async changeable(memberId: number, appointmentId: number): Promise<AppointmentEntity> {
    const appointment = await this.appointments.findOneBy({ id: appointmentId, memberId });
    if (!appointment) throw notFound(appointmentId);
    if (appointment.status !== 'booked' || appointment.startsAt.getTime() <= this.clock.nowMs()) {
      throw notChangeable();
    }
    return appointment;
  }

  private async toAppointments(rows: readonly AppointmentEntity[]): Promise<Appointment[]> {
    const [storeNames, names] = await Promise.all([
      this.stores.namesOf(rows.map((row) => row.storeId)),
      this.profiles.namesByIds(rows.map((row) => row.profileId)),
    ]);
    return rows.map((row) => ({
      id: row.id,
      storeId: row.storeId,
      storeName: storeNames.get(row.storeId) ?? '',
      profileId: row.profileId,
      profileName: names.get(row.profileId) ?? '',
      service: row.service,
      start: row.startsAt.toISOString(),
      end: row.endsAt.toISOString(),
      status: row.status,
      createdAt: row.createdAt.toISOString(),
    }));
  }
}
