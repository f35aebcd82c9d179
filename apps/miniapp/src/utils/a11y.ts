/**
 * A text alternative for an image: `alt` reaches the H5 <img> through Taro's `nativeProps`,
 * `ariaLabel` is the mini-program's own attribute.
 */
export function imageAlt(text: string): { ariaLabel: string; nativeProps: Record<string, unknown> } {
  return { ariaLabel: text, nativeProps: { alt: text } };
}

/** A name for an input (H5 <input> through `nativeProps`, the mini-program's `ariaLabel`). */
export function inputLabel(text: string): { ariaLabel: string; nativeProps: Record<string, unknown> } {
  return { ariaLabel: text, nativeProps: { 'aria-label': text } };
}

/** Attributes that make a tappable View a button to the keyboard and to screen readers (H5). */
export function asButton(label?: string): Record<string, string | number> {
  return { role: 'button', tabIndex: 0, ...(label ? { 'aria-label': label } : {}) };
}

/** A scrolling box reachable by keyboard (it can then be scrolled with the arrow keys), with a name. */
export function scrollableRegion(label: string): Record<string, string | number> {
  return { tabIndex: 0, role: 'region', 'aria-label': label };
}
