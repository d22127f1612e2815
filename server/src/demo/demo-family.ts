import { addDays, type PrescriptionInput, type ProfileRelation } from '@lensloop/shared';

/**
 * The demo customer: a parent with a phone, prescription consent and a child in myopia
 * management. Log in as them with the code `dev-demo-parent`; staff find them by phone.
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

function exam(
  kind: 'distance' | 'myopia_control',
  examDate: string,
  [odSphere, osSphere]: [number, number],
  binocularPd: number,
  axialLength?: [number, number],
): PrescriptionInput {
  const [odAxial, osAxial] = axialLength ?? [null, null];
  return {
    kind,
    examDate,
    od: { sphere: odSphere, cylinder: -50, axis: 180, va: 1.0, axialLength: odAxial },
    os: { sphere: osSphere, cylinder: 0, va: 1.0, axialLength: osAxial },
    pd: { binocular: binocularPd },
  };
}

/**
 * The family's exams, dated back from `today` (the seeding day) so the demo never ages: the
 * parent's newest distance prescription stays valid and the child is due a re-check in months.
 */
export function demoProfiles(today: string): DemoProfile[] {
  const daysAgo = (days: number) => addDays(today, -days);
  return [
    {
      name: '王芳',
      relation: 'self',
      birthDate: '1988-04-02',
      exams: [
        exam('distance', daysAgo(626), [-300, -275], 620),
        exam('distance', daysAgo(262), [-325, -300], 620),
      ],
    },
    {
      name: '小明',
      relation: 'child',
      birthDate: '2017-06-01',
      // Three years of myopia management, an exam every six months: −0.75 D and 0.30 mm in the
      // first six months, so defocus lenses from then on; since then about −0.40 D and 0.20 mm a
      // year, below the flags.
      exams: [
        exam('distance', daysAgo(1109), [-100, -75], 540, [2390, 2385]),
        exam('distance', daysAgo(927), [-175, -150], 540, [2420, 2412]),
        exam('myopia_control', daysAgo(745), [-200, -175], 545, [2432, 2425]),
        exam('myopia_control', daysAgo(563), [-225, -200], 545, [2442, 2435]),
        exam('myopia_control', daysAgo(381), [-250, -225], 550, [2452, 2444]),
        exam('myopia_control', daysAgo(199), [-250, -250], 550, [2461, 2453]),
        exam('myopia_control', daysAgo(17), [-275, -250], 555, [2470, 2462]),
      ],
    },
  ];
}
