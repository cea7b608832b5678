import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'build-simd.js');
const clang = process.env.CONTRASTIVE_CLANG || 'clang-14';

function hasClang(): boolean {
  try {
    execFileSync(clang, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The committed src/simd/kernels-wasm.ts must be exactly what simd/*.c builds to. Needs clang-14
 * (tools/ci/install-clang.sh): skipped without it, unless CONTRASTIVE_SIMD_BUILD=required (CI).
 */
const describeBuild =
  hasClang() || process.env.CONTRASTIVE_SIMD_BUILD === 'required' ? describe : describe.skip;

describeBuild('the committed WebAssembly SIMD module', () => {
  it('is byte for byte what a fresh build of simd/*.c gives', () => {
    const result = spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/matches a fresh build/);
    expect(result.status).toBe(0);
  }, 120_000);
});
