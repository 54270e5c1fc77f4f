/** Types of newest.js (plain JavaScript, so that node runs it without a build). */
export function newest(file: string): number
