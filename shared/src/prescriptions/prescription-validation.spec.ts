import type {
  EyePrescription,
  PrescriptionInput,
  PrescriptionKind,
  PupillaryDistance,
} from './prescription.types';
import fc from 'fast-check';
import { PRESCRIPTION_KINDS } from './prescription.types';
import { validatePrescription } from './prescription-validation';

const TODAY = '2026-10-01';

const baseEye: EyePrescription = {
  sphere: -125,
  cylinder: -50,
  axis: 180,
  add: null,
  prism: null,
  va: 1.0,
};

/** A valid distance prescription (the API example) with `od` and top-level overrides. */
function prescription(
  od: Partial<EyePrescription> = {},
  overrides: Partial<PrescriptionInput> = {},
): PrescriptionInput {
  return {
    kind: 'distance',
    examDate: '2026-10-01',
    od: { ...baseEye, ...od },
    os: { sphere: -100, cylinder: 0 },
    pd: { binocular: 630 },
    notes: '',
    ...overrides,
  };
}

function withKind(kind: PrescriptionKind, od: Partial<EyePrescription> = {}): PrescriptionInput {
  const contactLens = kind === 'contact_lens' ? { baseCurve: 860, diameter: 1420 } : {};
  const progressive = kind === 'progressive' ? { add: 200, fittingHeight: 180 } : {};
  return prescription(
    { ...contactLens, ...progressive, ...od },
    {
      kind,
      os: { sphere: -100, cylinder: 0, ...contactLens, ...progressive },
      pd: kind === 'contact_lens' ? null : kind === 'progressive' ? { od: 315, os: 320 } : { binocular: 630 },
    },
  );
}

const BIRTH_DATE = '2018-03-15';
const VA_MESSAGE =
  'va must be a decimal chart line: 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.2, 1.5, 2';

const validate = (input: PrescriptionInput) =>
  validatePrescription(input, { today: TODAY, birthDate: BIRTH_DATE });

describe('validatePrescription', () => {
  describe('accepts', () => {
    it.each<[string, PrescriptionInput]>([
      ['the API example', prescription()],
      ['the lowest sphere', prescription({ sphere: -3000 })],
      ['the highest sphere', prescription({ sphere: 2500 })],
      ['plano', prescription({ sphere: 0, cylinder: 0, axis: null })],
      ['a zero cylinder without axis field', prescription({ cylinder: 0, axis: undefined })],
      ['the extreme minus cylinder', prescription({ cylinder: -1000, axis: 1 })],
      ['a plus cylinder to transpose', prescription({ cylinder: 75, axis: 90 })],
      ['the extreme plus cylinder', prescription({ sphere: -1000, cylinder: 1000, axis: 45 })],
      [
        'a plus cylinder whose transposed sphere is exactly +25.00',
        prescription({ sphere: 2400, cylinder: 100, axis: 90 }),
      ],
      ['axis 1', prescription({ axis: 1 })],
      ['axis 180', prescription({ axis: 180 })],
      ['an ADD on a near prescription', prescription({ add: 75 }, { kind: 'near' })],
      ['a near prescription without ADD', prescription({}, { kind: 'near' })],
      ['a progressive with ADD +4.00', withKind('progressive', { add: 400 })],
      [
        'a horizontal prism with its base',
        prescription({ prism: { horizontal: { amount: 1000, base: 'out' } } }),
      ],
      [
        'a horizontal and a vertical prism',
        prescription({
          prism: { horizontal: { amount: 200, base: 'in' }, vertical: { amount: 50, base: 'up' } },
        }),
      ],
      ['an empty prism', prescription({ prism: { horizontal: null } })],
      ['VA 0.1', prescription({ va: 0.1 })],
      ['VA 0.12', prescription({ va: 0.12 })],
      ['VA 2.0', prescription({ va: 2.0 })],
      ['no VA', prescription({ va: null })],
      ['monocular PD 31.5 and 36.5 mm (5.0 mm apart)', prescription({}, { pd: { od: 315, os: 365 } })],
      ['monocular PD 20.0 and 20.0 mm', prescription({}, { pd: { od: 200, os: 200 } })],
      ['binocular PD 40.0 mm', prescription({}, { pd: { binocular: 400 } })],
      ['a near PD', prescription({}, { pd: { binocular: 630, near: 600 } })],
      ['an ADD on myopia control (near-add design)', withKind('myopia_control', { add: 150 })],
      ['a progressive with monocular PD and fitting height', withKind('progressive')],
      [
        'an external prescription for a person born before the exam',
        prescription({}, { examDate: '2018-03-15' }),
      ],
      [
        'an ortho-k lens with base curve 8.05 and diameter 10.6 mm',
        {
          ...withKind('contact_lens', { baseCurve: 805, diameter: 1060 }),
          lensType: 'ortho_k',
          os: { sphere: -200, cylinder: 0, baseCurve: 805, diameter: 1060 },
        },
      ],
      ['binocular PD 80.0 mm', prescription({}, { pd: { binocular: 800 } })],
      ['binocular PD 63.5 mm', prescription({}, { pd: { binocular: 635 } })],
      ['a contact lens with base curve and diameter', withKind('contact_lens')],
      ['contact lens limits', withKind('contact_lens', { baseCurve: 800, diameter: 1500 })],
      ['contact lens limits at the other end', withKind('contact_lens', { baseCurve: 960, diameter: 1300 })],
      ['a myopia-control prescription with axial length', withKind('myopia_control', { axialLength: 2456 })],
      ['axial length 18.00 mm', prescription({ axialLength: 1800 })],
      ['axial length 32.00 mm', prescription({ axialLength: 3200 })],
      ['an exam long ago', prescription({}, { examDate: '2019-02-28' })],
      ['an exam on a leap day', prescription({}, { examDate: '2024-02-29' })],
      ['an exam on the birth date', prescription({}, { examDate: BIRTH_DATE })],
      ['no notes', prescription({}, { notes: undefined })],
    ])('should accept the prescription when it has %s', (_, input) => {
      expect(validate(input)).toEqual([]);
    });
  });

  describe('rejects', () => {
    it.each<[string, PrescriptionInput, string, string]>([
      // sphere
      [
        'SPH −35.00',
        prescription({ sphere: -3500 }),
        'od.sphere',
        'sphere must be between -30.00 and +25.00 D',
      ],
      [
        'SPH +25.25',
        prescription({ sphere: 2525 }),
        'od.sphere',
        'sphere must be between -30.00 and +25.00 D',
      ],
      ['SPH off-step', prescription({ sphere: -130 }), 'od.sphere', 'sphere must be a multiple of 0.25 D'],
      [
        'SPH in diopters',
        prescription({ sphere: -1.25 }),
        'od.sphere',
        'sphere must be a whole number of hundredths of a diopter',
      ],
      ['no SPH', prescription({ sphere: null as unknown as number }), 'od.sphere', 'sphere is required'],
      [
        'SPH as text',
        prescription({ sphere: '-125' as unknown as number }),
        'od.sphere',
        'sphere must be a whole number of hundredths of a diopter',
      ],
      [
        'a plus cylinder transposing past +25.00',
        prescription({ sphere: 2400, cylinder: 200, axis: 90 }),
        'od.sphere',
        'sphere + cylinder (minus-cylinder sphere) must be between -30.00 and +25.00 D',
      ],
      // cylinder
      [
        'CYL −1.10 off-step',
        prescription({ cylinder: -110 }),
        'od.cylinder',
        'cylinder must be a multiple of 0.25 D',
      ],
      [
        'CYL −10.25',
        prescription({ cylinder: -1025 }),
        'od.cylinder',
        'cylinder must be between -10.00 and +10.00 D',
      ],
      [
        'CYL +10.25',
        prescription({ cylinder: 1025 }),
        'od.cylinder',
        'cylinder must be between -10.00 and +10.00 D',
      ],
      [
        'no CYL',
        prescription({ cylinder: undefined as unknown as number }),
        'od.cylinder',
        'cylinder is required',
      ],
      // axis
      [
        'axis 0 with CYL −1.00',
        prescription({ cylinder: -100, axis: 0 }),
        'od.axis',
        'axis must be between 1 and 180 degrees',
      ],
      ['axis 181', prescription({ axis: 181 }), 'od.axis', 'axis must be between 1 and 180 degrees'],
      ['axis 90.5', prescription({ axis: 90.5 }), 'od.axis', 'axis must be a whole number of degrees'],
      [
        'no axis with CYL −0.50',
        prescription({ axis: null }),
        'od.axis',
        'axis is required when cylinder is not 0',
      ],
      [
        'an axis with CYL 0',
        prescription({ cylinder: 0, axis: 90 }),
        'od.axis',
        'axis must be empty when cylinder is 0',
      ],
      // add
      [
        'ADD on a distance kind',
        prescription({ add: 200 }),
        'od.add',
        'add is only allowed for near, progressive and myopia_control prescriptions',
      ],
      [
        'ADD on a contact lens',
        withKind('contact_lens', { add: 150 }),
        'od.add',
        'add is only allowed for near, progressive and myopia_control prescriptions',
      ],
      [
        'ADD 0 on a distance kind',
        prescription({ add: 0 }),
        'od.add',
        'add is only allowed for near, progressive and myopia_control prescriptions',
      ],
      [
        'ADD +0.50',
        prescription({ add: 50 }, { kind: 'near' }),
        'od.add',
        'add must be between +0.75 and +4.00 D',
      ],
      ['ADD +4.25', withKind('progressive', { add: 425 }), 'od.add', 'add must be between +0.75 and +4.00 D'],
      ['ADD off-step', withKind('progressive', { add: 210 }), 'od.add', 'add must be a multiple of 0.25 D'],
      [
        'a progressive without ADD',
        withKind('progressive', { add: null }),
        'od.add',
        'add is required for progressive prescriptions',
      ],
      // prism
      [
        'prism 10.25',
        prescription({ prism: { horizontal: { amount: 1025, base: 'in' } } }),
        'od.prism.horizontal.amount',
        'prism amount must be between 0.25 and 10.00 prism D',
      ],
      [
        'a zero prism component',
        prescription({ prism: { vertical: { amount: 0, base: 'up' } } }),
        'od.prism.vertical.amount',
        'prism amount must be between 0.25 and 10.00 prism D',
      ],
      [
        'prism off-step',
        prescription({ prism: { vertical: { amount: 110, base: 'up' } } }),
        'od.prism.vertical.amount',
        'prism amount must be a multiple of 0.25 prism D',
      ],
      [
        'a horizontal prism based up',
        prescription({ prism: { horizontal: { amount: 100, base: 'up' as 'in' } } }),
        'od.prism.horizontal.base',
        'horizontal prism base must be one of in, out',
      ],
      [
        'a vertical prism without base',
        prescription({ prism: { vertical: { amount: 100 } as { amount: number; base: 'up' } } }),
        'od.prism.vertical.base',
        'vertical prism base must be one of up, down',
      ],
      [
        'a prism as one number',
        prescription({ prism: 100 as unknown as null }),
        'od.prism',
        'prism must be { horizontal?, vertical? }',
      ],
      // visual acuity
      ['VA 0.05', prescription({ va: 0.05 }), 'od.va', VA_MESSAGE],
      ['VA 2.5', prescription({ va: 2.5 }), 'od.va', VA_MESSAGE],
      ['VA 0.7, between chart lines', prescription({ va: 0.7 }), 'od.va', VA_MESSAGE],
      ['VA on the 5-grade scale', prescription({ va: 5.0 }), 'od.va', VA_MESSAGE],
      // contact lens
      [
        'a base curve on glasses',
        prescription({ baseCurve: 860 }),
        'od.baseCurve',
        'baseCurve is only allowed for contact_lens prescriptions',
      ],
      [
        'a diameter on glasses',
        prescription({ diameter: 1420 }),
        'od.diameter',
        'diameter is only allowed for contact_lens prescriptions',
      ],
      [
        'a contact lens without base curve',
        withKind('contact_lens', { baseCurve: null }),
        'od.baseCurve',
        'baseCurve is required for contact_lens prescriptions',
      ],
      [
        'a contact lens without diameter',
        withKind('contact_lens', { diameter: undefined }),
        'od.diameter',
        'diameter is required for contact_lens prescriptions',
      ],
      [
        'base curve 7.90 mm',
        withKind('contact_lens', { baseCurve: 790 }),
        'od.baseCurve',
        'baseCurve must be between 8.0 and 9.6 mm',
      ],
      [
        'an ortho-k base curve 6.42 mm',
        {
          ...withKind('contact_lens', { baseCurve: 642, diameter: 1060 }),
          lensType: 'ortho_k',
          os: { sphere: -200, cylinder: 0, baseCurve: 805, diameter: 1060 },
        },
        'od.baseCurve',
        'baseCurve must be between 6.50 and 9.50 mm',
      ],
      [
        'a soft-lens diameter on an ortho-k lens',
        {
          ...withKind('contact_lens', { baseCurve: 805, diameter: 1420 }),
          lensType: 'ortho_k',
          os: { sphere: -200, cylinder: 0, baseCurve: 805, diameter: 1060 },
        },
        'od.diameter',
        'diameter must be between 8.0 and 12.0 mm',
      ],
      [
        'an unknown lens type',
        { ...withKind('contact_lens'), lensType: 'scleral' as 'soft' },
        'lensType',
        'lensType must be one of soft, rigid, ortho_k',
      ],
      [
        'a lens type on glasses',
        { ...prescription(), lensType: 'soft' },
        'lensType',
        'lensType is only allowed for contact_lens prescriptions',
      ],
      [
        'a PD on a contact lens',
        { ...withKind('contact_lens'), pd: { binocular: 630 } },
        'pd',
        'a contact_lens prescription has no pd',
      ],
      [
        'a fitting height on a contact lens',
        withKind('contact_lens', { fittingHeight: 180 }),
        'od.fittingHeight',
        'fittingHeight is only allowed for spectacle prescriptions',
      ],
      [
        'a progressive without fitting height',
        withKind('progressive', { fittingHeight: null }),
        'od.fittingHeight',
        'fittingHeight is required for progressive prescriptions',
      ],
      [
        'a fitting height of 13.5 mm',
        withKind('progressive', { fittingHeight: 135 }),
        'od.fittingHeight',
        'fittingHeight must be between 14.0 and 30.0 mm',
      ],
      [
        'a progressive with a binocular PD',
        { ...withKind('progressive'), pd: { binocular: 630 } },
        'pd',
        'progressive prescriptions need monocular pd (od and os)',
      ],
      [
        'base curve 8.65 mm',
        withKind('contact_lens', { baseCurve: 865 }),
        'od.baseCurve',
        'baseCurve must be a multiple of 0.1 mm',
      ],
      [
        'diameter 15.10 mm',
        withKind('contact_lens', { diameter: 1510 }),
        'od.diameter',
        'diameter must be between 13.0 and 15.0 mm',
      ],
      [
        'diameter 14.25 mm',
        withKind('contact_lens', { diameter: 1425 }),
        'od.diameter',
        'diameter must be a multiple of 0.1 mm',
      ],
      // axial length
      [
        'axial length 17.99 mm',
        prescription({ axialLength: 1799 }),
        'od.axialLength',
        'axialLength must be between 18.00 and 32.00 mm',
      ],
      [
        'axial length 32.01 mm',
        prescription({ axialLength: 3201 }),
        'od.axialLength',
        'axialLength must be between 18.00 and 32.00 mm',
      ],
      [
        'axial length in mm',
        prescription({ axialLength: 24.5 }),
        'od.axialLength',
        'axialLength must be a whole number of hundredths of a millimetre',
      ],
      // pupillary distance
      [
        'PD 90 mm',
        prescription({}, { pd: { binocular: 900 } }),
        'pd.binocular',
        'binocular PD must be between 40.0 and 80.0 mm',
      ],
      [
        'PD 39.5 mm',
        prescription({}, { pd: { binocular: 395 } }),
        'pd.binocular',
        'binocular PD must be between 40.0 and 80.0 mm',
      ],
      [
        'PD 63.2 mm',
        prescription({}, { pd: { binocular: 632 } }),
        'pd.binocular',
        'binocular PD must be a multiple of 0.5 mm',
      ],
      [
        'monocular PD 41.0 mm',
        prescription({}, { pd: { od: 410, os: 315 } }),
        'pd.od',
        'od PD must be between 20.0 and 40.0 mm',
      ],
      [
        'monocular PD 19.5 mm',
        prescription({}, { pd: { od: 315, os: 195 } }),
        'pd.os',
        'os PD must be between 20.0 and 40.0 mm',
      ],
      [
        'monocular PDs 5.5 mm apart',
        prescription({}, { pd: { od: 300, os: 355 } }),
        'pd',
        'the od and os PD must be within 5.0 mm of each other',
      ],
      [
        'a near PD of 85.0 mm',
        prescription({}, { pd: { binocular: 630, near: 850 } }),
        'pd.near',
        'near PD must be between 40.0 and 80.0 mm',
      ],
      [
        'only one monocular PD',
        prescription({}, { pd: { od: 315 } as PupillaryDistance }),
        'pd.os',
        'os PD is required',
      ],
      [
        'both PD forms',
        prescription({}, { pd: { binocular: 630, od: 315, os: 315 } as PupillaryDistance }),
        'pd',
        'pd must be either binocular or monocular (od and os), not both',
      ],
      [
        'an empty PD',
        prescription({}, { pd: {} as PupillaryDistance }),
        'pd',
        'pd is required: { binocular } or { od, os }',
      ],
      [
        'no PD',
        prescription({}, { pd: undefined as unknown as PupillaryDistance }),
        'pd',
        'pd is required: { binocular } or { od, os }',
      ],
      // exam date, kind, eyes
      [
        'an exam tomorrow',
        prescription({}, { examDate: '2026-10-02' }),
        'examDate',
        'examDate must not be in the future',
      ],
      [
        'an exam before the birth',
        prescription({}, { examDate: '2018-03-14' }),
        'examDate',
        'examDate must not be before the birth date 2018-03-15',
      ],
      [
        'an impossible date',
        prescription({}, { examDate: '2026-02-30' }),
        'examDate',
        'examDate must be a real date in YYYY-MM-DD form',
      ],
      [
        'a date with a time',
        prescription({}, { examDate: '2026-09-01T10:00:00Z' }),
        'examDate',
        'examDate must be a real date in YYYY-MM-DD form',
      ],
      [
        'an unknown kind',
        prescription({}, { kind: 'sunglasses' as PrescriptionKind }),
        'kind',
        'kind must be one of distance, near, progressive, contact_lens, myopia_control',
      ],
      [
        'no left eye',
        prescription({}, { os: undefined as unknown as EyePrescription }),
        'os',
        'os is required',
      ],
      [
        'notes that are not text',
        prescription({}, { notes: 42 as unknown as string }),
        'notes',
        'notes must be a string',
      ],
    ])('should reject the prescription when it has %s', (_, input, field, message) => {
      expect(validate(input)).toEqual([{ field, message }]);
    });
  });

  it('should report the left eye under os when the same rule fails there', () => {
    const input = prescription({}, { os: { sphere: -100, cylinder: -110, axis: 90 } });
    expect(validate(input)).toEqual([
      { field: 'os.cylinder', message: 'cylinder must be a multiple of 0.25 D' },
    ]);
  });

  it('should report one entry per bad field when several fields are wrong', () => {
    const input = prescription(
      { sphere: -3500, cylinder: -110, axis: 0, add: 100 },
      { examDate: '2099-01-01', pd: { binocular: 900 }, os: { sphere: -100, cylinder: 0, axis: 90 } },
    );
    expect(validate(input).map((detail) => detail.field)).toEqual([
      'examDate',
      'od.sphere',
      'od.cylinder',
      'od.axis',
      'od.add',
      'os.axis',
      'pd.binocular',
    ]);
  });

  it('should still require an axis when the cylinder is off-step', () => {
    expect(validate(prescription({ cylinder: -110, axis: null })).map((detail) => detail.field)).toEqual([
      'od.cylinder',
      'od.axis',
    ]);
  });

  it('should check ADD range but not its kind rule when the kind is unknown', () => {
    const input = prescription({ add: 50 }, { kind: 'bifocal' as PrescriptionKind });
    expect(validate(input).map((detail) => detail.field)).toEqual(['kind', 'od.add']);
  });

  describe('pupillary distance (property)', () => {
    const tenths = (min: number, max: number) =>
      fc.integer({ min: min / 5, max: max / 5 }).map((steps) => steps * 5);
    const pdFields = (input: PrescriptionInput) =>
      validate(input).filter((detail) => detail.field.startsWith('pd'));

    it('should accept monocular PDs in range exactly when they are within 5.0 mm of each other', () => {
      fc.assert(
        fc.property(tenths(200, 400), tenths(200, 400), (od, os) => {
          const errors = pdFields(prescription({}, { pd: { od, os } }));
          expect(errors.length === 0).toBe(Math.abs(od - os) <= 50);
        }),
      );
    });

    it('should accept a binocular PD exactly when it is 40.0–80.0 mm on a 0.5 mm step', () => {
      fc.assert(
        fc.property(fc.integer({ min: 300, max: 900 }), (binocular) => {
          const errors = pdFields(prescription({}, { pd: { binocular } }));
          expect(errors.length === 0).toBe(binocular >= 400 && binocular <= 800 && binocular % 5 === 0);
        }),
      );
    });

    it('should refuse any PD on a contact-lens prescription and require one on every spectacle kind', () => {
      fc.assert(
        fc.property(fc.constantFrom(...PRESCRIPTION_KINDS), fc.boolean(), (kind, withPd) => {
          const input = { ...withKind(kind), pd: withPd ? { od: 315, os: 315 } : null };
          const errors = pdFields(input);
          expect(errors.length === 0).toBe(kind === 'contact_lens' ? !withPd : withPd);
        }),
      );
    });
  });

  it('should throw when today is not a date', () => {
    expect(() => validatePrescription(prescription(), { today: 'today' })).toThrow(RangeError);
  });
});
