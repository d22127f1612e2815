import type { PrescriptionInput, ProfileRelation } from '@lensloop/shared';

/**
 * The demo customer: a parent with a phone, prescription consent and a child whose myopia is
 * progressing fast. Log in as them with the code `dev-demo-parent`; staff find them by phone.
 */
export const DEMO_CUSTOMER = {
  openid: 'dev-demo-parent',
  nickname: '王芳',
  phone: '13800138000',
  memberCode: '100000000001',
  policyVersion: '2026-11',
  /** Staff username of the owner and examiner of the past exams. */
  examiner: 'optometrist1',
};

interface DemoProfile {
  name: string;
  relation: ProfileRelation;
  birthDate: string;
  exams: PrescriptionInput[];
}

function distance(
  examDate: string,
  odSphere: number,
  osSphere: number,
  binocularPd: number,
): PrescriptionInput {
  return {
    kind: 'distance',
    examDate,
    od: { sphere: odSphere, cylinder: -50, axis: 180, va: 1.0 },
    os: { sphere: osSphere, cylinder: 0, va: 1.0 },
    pd: { binocular: binocularPd },
  };
}

export const DEMO_PROFILES: DemoProfile[] = [
  {
    name: '王芳',
    relation: 'self',
    birthDate: '1988-04-02',
    exams: [distance('2025-03-15', -300, -275, 620), distance('2026-03-14', -325, -300, 620)],
  },
  {
    name: '小明',
    relation: 'child',
    birthDate: '2017-06-01',
    // About −1.00 D a year: twice the −0.50 D/year that calls for myopia control.
    exams: [
      distance('2025-05-10', -100, -75, 540),
      distance('2025-11-08', -150, -125, 545),
      distance('2026-05-09', -200, -175, 550),
    ],
  },
];
