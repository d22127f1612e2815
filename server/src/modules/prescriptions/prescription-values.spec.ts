import { SealedBox } from '../../infra/crypto/sealed-box';
import {
  openPrescriptionValues,
  sealPrescriptionValues,
  type PrescriptionValues,
} from './prescription-values';

const box = new SealedBox({ activeKeyId: 'k1', keys: { k1: Buffer.alloc(32, 3) } });
const owner = { memberId: 12, profileId: 34 };
const absentEye = {
  axis: null,
  add: null,
  prism: null,
  va: null,
  baseCurve: null,
  diameter: null,
  axialLength: null,
  fittingHeight: null,
};

/** A distance exam as validated input: only what was measured. */
const typical: PrescriptionValues = {
  od: { sphere: -325, cylinder: -75, axis: 180 },
  os: { sphere: -300, cylinder: 0 },
  pd: { binocular: 630 },
  lensType: null,
  notes: '',
};

const fixedTypical: PrescriptionValues = {
  od: { ...absentEye, sphere: -325, cylinder: -75, axis: 180 },
  os: { ...absentEye, sphere: -300, cylinder: 0 },
  pd: { binocular: 630, near: null },
  lensType: null,
  notes: '',
};

const plaintextOf = (sealed: string) => box.open<unknown>(sealed, 'prescription:12:34');

describe('prescription values at rest', () => {
  it('should seal only the fields present and open them in the fixed shape', () => {
    const sealed = sealPrescriptionValues(box, owner, typical);
    expect(plaintextOf(sealed)).toEqual({
      od: { sphere: -325, cylinder: -75, axis: 180 },
      os: { sphere: -300, cylinder: 0 },
      pd: { binocular: 630 },
      notes: '',
    });
    expect(openPrescriptionValues(box, { ...owner, sealedValues: sealed })).toEqual(fixedTypical);
  });

  it('should seal a typical exam in under half the text of the fixed shape with every field', () => {
    const compact = sealPrescriptionValues(box, owner, typical);
    const fixed = box.seal(fixedTypical, 'prescription:12:34');
    expect(compact.length).toBeLessThan(fixed.length / 2);
  });

  it('should open rows sealed in the fixed shape as before', () => {
    const fixed = box.seal(fixedTypical, 'prescription:12:34');
    expect(openPrescriptionValues(box, { ...owner, sealedValues: fixed })).toEqual(fixedTypical);
  });

  it('should keep every measured field, monocular PD, prism and contact-lens values through a round trip', () => {
    const full: PrescriptionValues = {
      od: {
        sphere: -500,
        cylinder: -125,
        axis: 90,
        add: 200,
        prism: { horizontal: { amount: 150, base: 'in' }, vertical: null },
        va: 10,
        baseCurve: 860,
        diameter: 1420,
        axialLength: 2510,
        fittingHeight: 180,
      },
      os: {
        ...absentEye,
        sphere: -475,
        cylinder: 0,
        prism: { horizontal: null, vertical: { amount: 50, base: 'up' } },
      },
      pd: { od: 312, os: 318, near: 600 },
      lensType: 'soft',
      notes: '夜间驾驶眩光',
    };
    const sealed = sealPrescriptionValues(box, owner, full);
    expect(openPrescriptionValues(box, { ...owner, sealedValues: sealed })).toEqual(full);
  });

  it('should open a row sealed before issue 12 (one prism number and a base) as a prism component', () => {
    const legacy = box.seal(
      { ...fixedTypical, od: { ...fixedTypical.od, prism: 100, prismBase: 'out' } },
      'prescription:12:34',
    );
    expect(openPrescriptionValues(box, { ...owner, sealedValues: legacy }).od.prism).toEqual({
      horizontal: { amount: 100, base: 'out' },
      vertical: null,
    });
  });
});
