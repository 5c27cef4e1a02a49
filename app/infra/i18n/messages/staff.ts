/** staff pages. */
export const staffMessages = {
} as const;
