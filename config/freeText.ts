import type { z } from 'zod';

/**
 * Marks a string schema as free text: a message, a note, a consent wording. The API's control-character
 * rule (api/schemas/controlCharacters.ts) allows line breaks and tab there and nowhere else. Call it last
 * in the chain (after .trim()/.max(), before .optional()); the mark shows in the OpenAPI document as `x-multiline`.
 */
export const MULTILINE_META = 'x-multiline';

export const freeText = <T extends z.ZodType>(schema: T): T => schema.meta({ [MULTILINE_META]: true }) as T;
