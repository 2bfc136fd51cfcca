/**
 * The result format's version, on its own so that a run can stamp it without loading the schema
 * (TypeBox takes longer to load than the rest of the CLI).
 */
/** Bump when a field changes meaning or disappears; adding fields keeps the version. */
export const SCHEMA_VERSION = 1;
