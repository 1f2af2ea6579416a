/** Exit codes of every command: 0 done, 1 failed, 2 bad usage or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Wrong arguments (an unknown organisation, a bad role): exit 2 with the message, nothing touched. */
export class UsageError extends Error {}
