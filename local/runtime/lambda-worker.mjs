// One Lambda function's execution environment: its own thread, module instance and process.env,
// so functions don't share state or configuration, just as on AWS. Plain JS so it needs no loader
// to start; tsx's loader then runs the TypeScript handler source.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { entryUrl, exportName, functionName, memoryMb, policyFile } = workerData;
// `#policy` is the template's policy file, as esbuild's alias makes it in the deployed bundle.
if (policyFile !== undefined) {
  const { registerPolicyModule } = await import('../../lib/policy-module.ts');
  registerPolicyModule(policyFile);
}
const handler = (await import(entryUrl))[exportName];
if (typeof handler !== 'function')
  throw new Error(`${functionName}: ${entryUrl} exports no function "${exportName}"`);

parentPort.on('message', async ({ id, event, requestId, deadline }) => {
  const context = {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
  try {
    const result = await handler(event, context);
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    const { name = 'Error', message = String(error), stack } = error ?? {};
    parentPort.postMessage({ id, ok: false, error: { name, message, stack } });
  }
});
parentPort.postMessage({ ready: true });
