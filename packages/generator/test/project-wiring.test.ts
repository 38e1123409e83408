import { loadGenerator } from '@pulse/core';
import { project } from '@pulse/models';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/index.js';

describe('generate: wiring', () => {
  it('is the generator `pulse generate` loads for the customer-success project, by its package name', async () => {
    expect(project.generate).toBe('@pulse/generator');
    expect(await loadGenerator(project)).toBe(generate);
  });
});
