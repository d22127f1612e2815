export * from './prescription.types';
export { formatDiopters, parseDiopters } from './diopters';
export {
  eyeFieldsFor,
  KINDS_WITH_ADD,
  validatePrescription,
  type EyeValueField,
  type ValidatePrescriptionOptions,
} from './prescription-validation';
export {
  toMinusCylinder,
  normalizePrescription,
  sphericalEquivalent,
  isMyopic,
  MYOPIA_SE,
  HIGH_MYOPIA_SE,
} from './transposition';
export { prescriptionExpiry, isChildAt, ADULT_AGE, PRESCRIPTION_VALIDITY_MONTHS } from './expiry';
export {
  contactLensFor,
  roundToContactLensGrid,
  vertexToCornea,
  SPHERICAL_LENS_MAX_CYLINDER,
  type ContactLensPower,
} from './contact-lens-power';
export {
  progressionPerYear,
  isFastProgression,
  isFastAxialGrowth,
  FAST_PROGRESSION_PER_YEAR,
  FAST_AXIAL_GROWTH_PER_YEAR,
  MINIMUM_TREND_DAYS,
  TREND_KINDS,
  TREND_WINDOW_MONTHS,
  type ExamValue,
} from './myopia-progression';
export { fiveGradeAcuity } from './visual-acuity';
export { addDays, shanghaiDate, shanghaiDateTime, shanghaiDayRange } from './calendar-date';
