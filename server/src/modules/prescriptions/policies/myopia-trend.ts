import {
  isChildAt,
  isFastProgression,
  myopiaProgression,
  sphericalEquivalent,
  type EyePrescription,
  type MyopiaTrend,
  type PrescriptionKind,
} from '@lensloop/shared';

export interface TrendExam {
  kind: PrescriptionKind;
  examDate: string;
  od: Pick<EyePrescription, 'sphere' | 'cylinder'>;
  os: Pick<EyePrescription, 'sphere' | 'cylinder'>;
}

/**
 * The spherical-equivalent series of a profile's exams (oldest first) and its progression per eye.
 * Contact-lens prescriptions are left out: their powers are vertex-corrected lens powers, not the
 * eye's refraction, and would put false steps into the series. Fast progression is only flagged for
 * a child (under 18 at the latest exam); a missing birth date counts as an adult.
 */
export function myopiaTrend(exams: readonly TrendExam[], birthDate: string | null): MyopiaTrend {
  const refractions = exams
    .filter((exam) => exam.kind !== 'contact_lens')
    .sort((left, right) => left.examDate.localeCompare(right.examDate));
  const points = refractions.map((exam) => ({
    examDate: exam.examDate,
    odSE: sphericalEquivalent(exam.od),
    osSE: sphericalEquivalent(exam.os),
  }));
  const od = myopiaProgression(points.map((point) => ({ examDate: point.examDate, se: point.odSE })));
  const os = myopiaProgression(points.map((point) => ({ examDate: point.examDate, se: point.osSE })));
  const latest = points[points.length - 1];
  const isChild = birthDate !== null && latest !== undefined && isChildAt(birthDate, latest.examDate);
  return {
    points,
    progressionPerYear: { od: roundRate(od), os: roundRate(os) },
    fastProgression: isChild && (isFastProgression(od) || isFastProgression(os)),
    isChild,
  };
}

function roundRate(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate);
}
