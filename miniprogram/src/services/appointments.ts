import {
  shanghaiDateTime,
  type Appointment,
  type AppointmentSlot,
  type BookAppointmentRequest,
  type Page,
  type StaffAppointment,
} from '@lensloop/shared';
import { callApi } from './request';

/** `HH:mm` of an appointment instant in Asia/Shanghai. */
export function clockTime(instant: string): string {
  return shanghaiDateTime(new Date(instant)).slice(11);
}

export function listRecheckSlots(storeId: number, date: string): Promise<AppointmentSlot[]> {
  return callApi((api) => api.listAppointmentSlots(storeId, { date, service: 'recheck' }));
}

export function bookAppointment(request: BookAppointmentRequest): Promise<Appointment> {
  return callApi((api) => api.bookAppointment(request));
}

export function listMyAppointments(): Promise<Page<Appointment>> {
  return callApi((api) => api.listMyAppointments({ pageSize: 50 }));
}

export function cancelAppointment(id: number): Promise<Appointment> {
  return callApi((api) => api.cancelAppointment(id));
}

export function listStoreAppointments(): Promise<Page<StaffAppointment>> {
  return callApi((api) => api.listStaffAppointments({ date: 'today', pageSize: 100 }));
}

export function markNoShow(id: number): Promise<StaffAppointment> {
  return callApi((api) => api.markNoShow(id));
}
