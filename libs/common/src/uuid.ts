const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` has the shape of a UUID (any version): the one check for ids from paths, forms and SQL literals. */
export const isUuid = (value: string): boolean => UUID.test(value);
