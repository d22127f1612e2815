import type {
  EyePrescription,
  PrescriptionInput,
  PrescriptionKind,
  PupillaryDistance,
} from './prescription.types';
import { validatePrescription } from './prescription-validation';

const TODAY = '2026-10-01';

const baseEye: EyePrescription = {
  sphere: -125,
  cylinder: -50,
  axis: 180,
  add: null,
  prism: null,
  prismBase: null,
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
  const add = kind === 'progressive' ? { add: 200 } : {};
  return prescription(
    { ...contactLens, ...add, ...od },
    { kind, os: { sphere: -100, cylinder: 0, ...contactLens, ...add } },
  );
}

const validate = (input: PrescriptionInput) => validatePrescription(input, { today: TODAY });

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
      ['a prism with its base', prescription({ prism: 1000, prismBase: 'out' })],
      ['a zero prism without base', prescription({ prism: 0 })],
      ['VA 0.1', prescription({ va: 0.1 })],
      ['VA 2.0', prescription({ va: 2.0 })],
      ['no VA', prescription({ va: null })],
      ['monocular PD 20.0 and 40.0 mm', prescription({}, { pd: { od: 200, os: 400 } })],
      ['binocular PD 45.0 mm', prescription({}, { pd: { binocular: 450 } })],
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
        'add is only allowed for near and progressive prescriptions',
      ],
      [
        'ADD on a contact lens',
        withKind('contact_lens', { add: 150 }),
        'od.add',
        'add is only allowed for near and progressive prescriptions',
      ],
      [
        'ADD 0 on a distance kind',
        prescription({ add: 0 }),
        'od.add',
        'add is only allowed for near and progressive prescriptions',
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
        prescription({ prism: 1025, prismBase: 'in' }),
        'od.prism',
        'prism must be between 0.00 and 10.00 prism D',
      ],
      [
        'negative prism',
        prescription({ prism: -100 }),
        'od.prism',
        'prism must be between 0.00 and 10.00 prism D',
      ],
      [
        'prism off-step',
        prescription({ prism: 110, prismBase: 'up' }),
        'od.prism',
        'prism must be a multiple of 0.25 prism D',
      ],
      [
        'prism without base',
        prescription({ prism: 100 }),
        'od.prismBase',
        'prismBase is required when prism is greater than 0',
      ],
      [
        'a base without prism',
        prescription({ prismBase: 'down' }),
        'od.prismBase',
        'prismBase must be empty when there is no prism',
      ],
      [
        'an unknown base',
        prescription({ prism: 100, prismBase: 'left' as 'in' }),
        'od.prismBase',
        'prismBase must be one of in, out, up, down',
      ],
      // visual acuity
      ['VA 0.05', prescription({ va: 0.05 }), 'od.va', 'va must be a decimal acuity between 0.1 and 2.0'],
      ['VA 2.5', prescription({ va: 2.5 }), 'od.va', 'va must be a decimal acuity between 0.1 and 2.0'],
      [
        'VA on the 5-grade scale',
        prescription({ va: 5.0 }),
        'od.va',
        'va must be a decimal acuity between 0.1 and 2.0',
      ],
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
        'binocular PD must be between 45.0 and 80.0 mm',
      ],
      [
        'PD 44.5 mm',
        prescription({}, { pd: { binocular: 445 } }),
        'pd.binocular',
        'binocular PD must be between 45.0 and 80.0 mm',
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

  it('should throw when today is not a date', () => {
    expect(() => validatePrescription(prescription(), { today: 'today' })).toThrow(RangeError);
  });
});
