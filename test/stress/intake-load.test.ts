/**
 * CI size of the intake's load-with-faults property (issue 7): 300 submissions at 32 concurrent with 10%
 * of DynamoDB, SES and Step Functions calls failing, then every one replayed with its Idempotency-Key.
 * The 5,000-submission run is intake-load.stress.test.ts (`npm run test:stress`).
 */
import { useLocalStack } from '../support/local-stack-fixture';
import { intakeLoadSuite, LOAD_FAULTS } from './intake-load';

// Read by `npm start` when the fixture starts it in beforeAll.
process.env.PERSONVERN_FAULTS = LOAD_FAULTS;
const stack = useLocalStack();

describe('Intake under load with injected faults (CI size)', () => {
  intakeLoadSuite(stack, { submissions: 300, concurrency: 32, receiptsTimeoutMs: 120_000 }, 240_000);
});
