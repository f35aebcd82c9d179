import type { Permission } from '@union/shared';

/**
 * The function of hardship work: staff in scope who hold this see household files, aid records and
 * campaigns. Lawyers, legal-aid staff and judges do not hold it, so households are not theirs to see.
 */
export const HARDSHIP_STAFF: readonly Permission[] = ['hardship.file.view'];
