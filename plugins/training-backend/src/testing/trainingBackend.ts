/*
 * The training test backend: the training and platform plugins behind the real permission
 * backend and yinxin's role policy (shared pieces in @yinxin/backend-testing), storing files in a
 * fresh temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '@backstage/types';
import platformPlugin from '@yinxin/plugin-platform-backend';
import { policyTestFeatures } from '@yinxin/backend-testing';
import { createTrainingPlugin, type TrainingPluginOptions } from '../plugin';

export { as, snapshot } from '@yinxin/backend-testing';

const made: string[] = [];

/** A fresh storage directory for one test backend (removed by {@link removeTempStorage}). */
export function tempStorage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yinxin-training-'));
  made.push(dir);
  return dir;
}

/** Removes the storage directories made by {@link tempStorage}. */
export function removeTempStorage(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The features of a test backend running the training plugin (with `options`) and the platform
 * plugin behind the real permission backend and yinxin's policy, with `yinxin.training`
 * configuration and any extra features (such as a database factory).
 */
export function trainingTestFeatures(training: JsonObject, extra: unknown[] = [], options: TrainingPluginOptions = {}) {
  return [createTrainingPlugin(options), platformPlugin, ...policyTestFeatures({ training }), ...extra] as any[];
}
