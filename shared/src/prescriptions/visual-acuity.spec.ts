import { VISUAL_ACUITY_LINES } from './prescription.types';
import { fiveGradeAcuity } from './visual-acuity';

describe('fiveGradeAcuity', () => {
  it('should map the decimal chart lines to 4.0 … 5.3 in 0.1 steps', () => {
    expect(VISUAL_ACUITY_LINES.map(fiveGradeAcuity)).toEqual([
      4.0, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8, 4.9, 5.0, 5.1, 5.2, 5.3,
    ]);
  });
});
