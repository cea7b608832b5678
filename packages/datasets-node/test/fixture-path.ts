import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** Path of a committed fixture. */
export const fixture = (...parts: string[]): string => join(__dirname, 'fixtures', ...parts);

/** A fresh temporary directory for one test. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'contrastive-datasets-node-'));
