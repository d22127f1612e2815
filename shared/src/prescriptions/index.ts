export * from './prescription.types';
export { formatDiopters, parseDiopters } from './diopters';
export {
  eyeFieldsFor,
  validatePrescription,
  type EyeValueField,
  type ValidatePrescriptionOptions,
} from './prescription-validation';
export { toMinusCylinder, normalizePrescription, sphericalEquivalent } from './transposition';
export { prescriptionExpiry, isChildAt, ADULT_AGE, PRESCRIPTION_VALIDITY_MONTHS } from './expiry';
export { contactLensPower } from './contact-lens-power';
export {
  myopiaProgression,
  isFastProgression,
  FAST_PROGRESSION_PER_YEAR,
  type MyopiaExamPoint,
} from './myopia-progression';
export { shanghaiDate, shanghaiDateTime, shanghaiDayRange } from './calendar-date';
