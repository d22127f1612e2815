import {
  PrescriptionReferencePort,
  type PrescriptionForFitting,
  type PrescriptionReferenceChecker,
} from './prescription-reference';

const powers: PrescriptionForFitting = {
  kind: 'distance',
  expiresAt: '2027-10-01',
  od: { sphere: -100, cylinder: 0 },
  os: { sphere: -125, cylinder: 0 },
};

describe('PrescriptionReferencePort', () => {
  it('should answer through the registered checker', async () => {
    const port = new PrescriptionReferencePort();
    const checker: PrescriptionReferenceChecker = {
      findForMember: async (memberId, prescriptionId) =>
        memberId === 7 && prescriptionId === 3 ? powers : null,
    };
    port.register(checker);
    await expect(port.findForMember(7, 3)).resolves.toEqual(powers);
    await expect(port.findForMember(8, 3)).resolves.toBeNull();
  });

  it('should throw when no checker is registered, rather than answer "not found"', () => {
    expect(() => new PrescriptionReferencePort().findForMember(7, 3)).toThrow(
      /no prescription reference checker/,
    );
  });

  it('should refuse a second checker', () => {
    const port = new PrescriptionReferencePort();
    const checker: PrescriptionReferenceChecker = { findForMember: async () => null };
    port.register(checker);
    expect(() => port.register(checker)).toThrow(/registered twice/);
  });
});
