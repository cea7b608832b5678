import { adapterLabel, describeAdapter } from '../../src';

describe('describeAdapter', () => {
  it('takes the adapter info and marks fallback adapters as software', () => {
    const swiftshader = {
      info: {
        vendor: 'google',
        architecture: 'swiftshader',
        device: 'swiftshader-device-subzero-',
        description: 'SwiftShader driver 5.0.0',
        isFallbackAdapter: true,
      },
    };
    expect(describeAdapter(swiftshader)).toEqual({
      vendor: 'google',
      architecture: 'swiftshader',
      device: 'swiftshader-device-subzero-',
      description: 'SwiftShader driver 5.0.0',
      software: true,
    });
    expect(adapterLabel(describeAdapter(swiftshader))).toBe(
      'google swiftshader (SwiftShader driver 5.0.0), software adapter',
    );
  });

  it('recognises CPU drivers by name when the driver does not flag them', () => {
    expect(
      describeAdapter({
        info: { vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' },
      }).software,
    ).toBe(true);
    expect(describeAdapter({ info: { vendor: 'mesa', description: 'lavapipe' } }).software).toBe(true);
  });

  it('calls a GPU a hardware adapter, and copes with missing fields', () => {
    const nvidia = describeAdapter({
      info: { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200' },
      isFallbackAdapter: false,
    });
    expect(nvidia.software).toBe(false);
    expect(adapterLabel(nvidia)).toBe('nvidia hopper (NVIDIA H200), hardware adapter');
    expect(adapterLabel(describeAdapter({}))).toBe('unnamed adapter, hardware adapter');
  });
});
