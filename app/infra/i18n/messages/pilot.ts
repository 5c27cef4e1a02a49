/** pilot pages. */
export const pilotMessages = {
} as const;
