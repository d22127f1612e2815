import { classValidatorAnswer } from '../../../common/validation.spec-support';
import { fastLatestPrescriptionQuery, LatestPrescriptionQueryDto } from './prescription-queries.dto';

describe('fast validation of the desk lookup’s query', () => {
  it.each([
    [{}],
    [{ profileId: '7' }],
    [{ profileId: '123456789' }],
    [{ reason: '配镜' }],
    [{ profileId: '3', reason: 'lens order' }],
    [{ reason: ' 复查 ' }],
    [{ reason: 'x'.repeat(200) }],
  ])('should answer %j exactly as class-validator does', async (query) => {
    const fast = fastLatestPrescriptionQuery(query);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(await classValidatorAnswer(query, LatestPrescriptionQueryDto));
  });

  it.each([
    [{ profileId: '0' }],
    [{ profileId: '-1' }],
    [{ profileId: '1.5' }],
    [{ profileId: '07' }],
    [{ profileId: '1234567890' }],
    [{ profileId: ['1', '2'] }],
    [{ reason: '' }],
    [{ reason: 'x'.repeat(201) }],
    [{ reason: '👓'.repeat(150) }],
    [{ reason: '✔️' }],
    [{ other: '1' }],
  ])('should leave %j to class-validator', (query) => {
    expect(fastLatestPrescriptionQuery(query)).toBeNull();
  });

  it('should leave to class-validator only what it rejects or reads the same', async () => {
    // 150 glasses emoji are 300 UTF-16 units but 150 characters to class-validator: valid.
    expect(await classValidatorAnswer({ reason: '👓'.repeat(150) }, LatestPrescriptionQueryDto)).toEqual({
      reason: '👓'.repeat(150),
    });
    expect(await classValidatorAnswer({ reason: '' }, LatestPrescriptionQueryDto)).toBe('rejected');
    expect(await classValidatorAnswer({ profileId: '0' }, LatestPrescriptionQueryDto)).toBe('rejected');
  });
});
