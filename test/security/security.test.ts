/**
 * The security suites of issues 7 and 17 on one local stack (one `npm start` instead of four keeps CI
 * fast): the authorisation matrix, enumeration, abuse of the forms, and last the personal-data scan, which then scans the logs and
 * execution histories of every suite before it as well as its own flows.
 */
import { jest } from '@jest/globals';
import { useLocalStack } from '../support/local-stack-fixture';
import { abuseSuite } from './abuse';
import { authorisationSuites } from './authorisation';
import { enumerationSuite } from './enumeration';
import { personalDataSuite } from './no-personal-data';

jest.setTimeout(300_000);

const stack = useLocalStack();

authorisationSuites(stack);
enumerationSuite(stack);
abuseSuite(stack);
personalDataSuite(stack);
