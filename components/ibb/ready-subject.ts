/**
 * "Ready to move on?" checks are ordinary thumbs checks whose subject names the step they
 * ask about, so the screen can find the one for the current step.
 */
export const READY_PREFIX = 'ready:';

export function readySubject(phase: string): string {
  return `${READY_PREFIX}${phase}`;
}
