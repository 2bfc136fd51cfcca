/** Small builders the result's schemas share. */
import { Type, type TSchema } from '@sinclair/typebox';

export const count = (description?: string) => Type.Integer({ minimum: 0, ...(description ? { description } : {}) });
export const ms = (description?: string) => Type.Number({ minimum: 0, ...(description ? { description } : {}) });
export const share = (description?: string) => Type.Number({ minimum: 0, ...(description ? { description } : {}) });
export const described = <T extends TSchema>(description: string, schema: T): T => ({ ...schema, description });

export const IntervalSchema = Type.Object(
  { value: Type.Number(), low: Type.Number(), high: Type.Number() },
  { description: 'A ratio with its 95% confidence interval.' },
);
