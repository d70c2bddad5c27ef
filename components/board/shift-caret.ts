/** Where a caret at `pos` in `before` belongs in `after`, when one region changed. */
export function shiftCaret(before: string, after: string, pos: number): number {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  if (pos <= start) return pos;
  if (pos >= endBefore) return pos + (endAfter - endBefore);
  return endAfter;
}
