/**
 * The stress run of issue 7 (`npm run test:stress`, not part of `npm test`): 5,000 submissions at 100
 * concurrent with 10% of DynamoDB, SES and Step Functions calls failing, then every one replayed with its
 * Idempotency-Key. Same properties as the CI-sized intake-load.test.ts.
 */
import { useLocalStack } from '../support/local-stack-fixture';
import { intakeLoadSuite, LOAD_FAULTS } from './intake-load';

process.env.PERSONVERN_FAULTS = LOAD_FAULTS;
// 100 concurrent calls share two cores locally; on AWS each would have its own instance (lambda-runtime.ts).
process.env.PERSONVERN_LOCAL_TIMEOUT_SCALE = '3';
const stack = useLocalStack();

describe('Intake under load with injected faults (stress: 5,000 submissions)', () => {
  intakeLoadSuite(stack, { submissions: 5000, concurrency: 100, receiptsTimeoutMs: 300_000 }, 1_200_000);
});
