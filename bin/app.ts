#!/usr/bin/env node
// `cdk synth` / `cdk deploy` entry. cdk-nag runs as a validation plugin, so a finding fails the synth.
import { Validations } from 'aws-cdk-lib';
import { buildApp } from '../lib/app';
import { nagPacks } from '../lib/nag';

const { app } = buildApp();
Validations.of(app).addPlugins(...nagPacks(app));
app.synth();
