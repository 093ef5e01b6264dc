#!/usr/bin/env node
// `cdk synth` / `cdk deploy` entry. cdk-nag runs as a validation plugin, so a finding fails the synth.
import { Validations } from 'aws-cdk-lib';
import { buildApp } from '../lib/app';
import { nagPacks } from '../lib/nag';
import { DeploymentSettingsError } from '../lib/settings';

try {
  const { app } = buildApp();
  Validations.of(app).addPlugins(...nagPacks(app));
  app.synth();
} catch (error) {
  // A bad setting is the operator's to fix: the lines that name it, without a stack trace around them.
  if (!(error instanceof DeploymentSettingsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
