import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFontFiles } from '../../src/png/font-setup';
import { resolveFontSetup } from '../../src';

describe('font discovery', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-fonts-'));
    mkdirSync(join(dir, 'truetype', 'liberation'), { recursive: true });
    writeFileSync(join(dir, 'truetype', 'liberation', 'LiberationSans-Regular.ttf'), 'not really a font');
    writeFileSync(join(dir, 'readme.txt'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds font files recursively and skips missing directories', () => {
    expect(findFontFiles([dir, join(dir, 'missing')], 10)).toEqual([join(dir, 'truetype', 'liberation', 'LiberationSans-Regular.ttf')]);
  });

  it('prefers the npm package, then a known system sans family', () => {
    expect(resolveFontSetup(undefined, () => undefined, [dir])).toMatchObject({ source: 'system', sansSerifFamily: 'Liberation Sans', loadSystemFonts: true });
    expect(resolveFontSetup(undefined, () => join(dir, 'empty'), [dir]).source).toBe('system');
  });
});
