/** admin pages. */
export const adminMessages = {
} as const;
