// No imports: the web app prints it too, from this file.

/** A person's position and unit as a decision prints them after the name ("position, unit"), or null. */
export const positionAndUnit = (held: {
  readonly position?: string | null;
  readonly unit?: string | null;
}): string | null => [held.position, held.unit].filter(Boolean).join(', ') || null;
