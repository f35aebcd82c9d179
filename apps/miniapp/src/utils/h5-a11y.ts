/* global document, MutationObserver, HTMLElement -- H5 only: never imported into the weapp build's logic paths. */

/**
 * What Taro's H5 runtime leaves out for keyboard and screen-reader users, filled in as pages render:
 * - its page containers scroll but cannot be focused, so a keyboard cannot scroll them: tabindex;
 * - inputs whose visible label is a separate text element get that text as their accessible name.
 * The mini-program has its own accessibility tree; this runs in the browser build only.
 */
export function installH5Accessibility(): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  const fix = () => {
    for (const el of document.querySelectorAll<HTMLElement>('.taro_page, .taro-tabbar__panel, taro-scroll-view-core')) {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0');
    }
    for (const input of document.querySelectorAll<HTMLElement>('input:not([aria-label]), textarea:not([aria-label])')) {
      if (input.id && document.querySelector(`label[for="${input.id}"]`)) continue;
      const field = input.closest('.field, .action-form, .card');
      const label = field?.querySelector('.field__label')?.textContent?.trim() || input.getAttribute('placeholder')?.trim();
      if (label) input.setAttribute('aria-label', label);
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      fix();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  fix();
}
