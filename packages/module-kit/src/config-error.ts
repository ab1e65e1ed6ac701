/** A setting (an environment variable, mostly) the process cannot run with. */
export class ConfigError extends Error {}
