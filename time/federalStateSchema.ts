import { z } from 'zod';
import { federalStateProblem, GERMAN_FEDERAL_STATES } from './federalStates';

/** A federal state code in a config or API body (`BY`), with the error naming the 16 codes. */
export const federalStateSchema = z.enum(GERMAN_FEDERAL_STATES, { error: (issue) => federalStateProblem(issue.input) });
