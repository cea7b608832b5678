import * as os from 'os';
import { nodeCoreLoad } from '../../src';

describe('nodeCoreLoad', () => {
  it("reads this machine's cores and 1-minute load average from Node's os", () => {
    const read = nodeCoreLoad();
    expect(read).toBeDefined();
    expect(read?.cores).toBe(os.availableParallelism());
    expect(read?.loadAverage).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(read?.loadAverage)).toBe(true);
    if (process.platform === 'linux') {
      // This test's own thread is running and is not counted.
      expect(Number.isInteger(read?.runningNow)).toBe(true);
      expect(read?.runningNow).toBeGreaterThanOrEqual(0);
    }
  });
});
