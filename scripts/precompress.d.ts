/** Types of precompress.js (plain JavaScript, so that node runs it without a build). */
export function precompress(dir: string): Promise<{ files: number; before: number; after: number }>
