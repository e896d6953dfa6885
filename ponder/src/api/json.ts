// The API's JSON: bigints (wei, ids, unix times) as decimal strings, so no client loses precision.
export const json = (value: unknown) => JSON.parse(JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
