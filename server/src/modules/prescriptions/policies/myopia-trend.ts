import {
  isChildAt,
  isFastAxialGrowth,
  isFastProgression,
  progressionPerYear,
  sphericalEquivalent,
  TREND_KINDS,
  type EyePrescription,
  type ExamValue,
  type MyopiaTrend,
  type PrescriptionKind,
} from '@lensloop/shared';

export interface TrendExam {
  kind: PrescriptionKind;
  examDate: string;
  od: Pick<EyePrescription, 'sphere' | 'cylinder' | 'axialLength'>;
  os: Pick<EyePrescription, 'sphere' | 'cylinder' | 'axialLength'>;
}

/** The profile's age group, as the trend judges it. */
export interface TrendPerson {
  relation: string;
  birthDate: string | null;
}

function perEye<T>(pick: (eye: 'od' | 'os') => T): { od: T; os: T } {
  return { od: pick('od'), os: pick('os') };
}

/**
 * The spherical-equivalent series of a profile's exams (oldest first) with its yearly progression
 * per eye, and the axial-length series with its growth. Only distance, progressive and
 * myopia-control prescriptions enter the SE series (TREND_KINDS); axial length is the eye's own
 * size, so every exam that measured it counts. Flags are for a child only: under 18 at the latest
 * exam, or a child profile (which always has a birth date) when no exam is on file.
 */
export function myopiaTrend(exams: readonly TrendExam[], person: TrendPerson): MyopiaTrend {
  const byDate = [...exams].sort((left, right) => left.examDate.localeCompare(right.examDate));
  const refractions = byDate.filter((exam) => TREND_KINDS.includes(exam.kind));
  const points = refractions.map((exam) => ({
    examDate: exam.examDate,
    odSE: sphericalEquivalent(exam.od),
    osSE: sphericalEquivalent(exam.os),
  }));
  const progression = perEye((eye) =>
    progressionPerYear(
      refractions.map((exam) => ({ examDate: exam.examDate, value: sphericalEquivalent(exam[eye]) })),
    ),
  );

  const measured = byDate.filter((exam) => (exam.od.axialLength ?? exam.os.axialLength ?? null) !== null);
  const axialLength = measured.map((exam) => ({
    examDate: exam.examDate,
    od: exam.od.axialLength ?? null,
    os: exam.os.axialLength ?? null,
  }));
  const growth = perEye((eye) =>
    progressionPerYear(
      axialLength.flatMap((point): ExamValue[] => {
        const value = point[eye];
        return value === null ? [] : [{ examDate: point.examDate, value }];
      }),
    ),
  );

  const latest = byDate[byDate.length - 1];
  const isChild =
    person.birthDate !== null && latest !== undefined
      ? isChildAt(person.birthDate, latest.examDate)
      : person.relation === 'child';
  return {
    points,
    progressionPerYear: progression,
    fastProgression: isChild && (isFastProgression(progression.od) || isFastProgression(progression.os)),
    isChild,
    axialLength,
    axialGrowthPerYear: growth,
    fastAxialGrowth: isChild && (isFastAxialGrowth(growth.od) || isFastAxialGrowth(growth.os)),
  };
}
