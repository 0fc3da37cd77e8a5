/** A name safe to suggest for a file: letters and digits, other runs of characters as one dash. */
export function fileStem(name: string): string {
  return name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'data'
}
