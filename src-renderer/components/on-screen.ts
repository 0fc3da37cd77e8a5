/**
 * Paces a live view by whether it is on screen: a chart scrolled away (or a panel of a view not
 * shown) redraws only a couple of times a second while training goes on, instead of at every
 * frame, and at once when it comes back. Nearly current all the same (a full-page screenshot, a
 * quick scroll), at a fraction of the cost.
 */
import { onBeforeUnmount, onMounted, readonly, ref, watch, type Ref } from 'vue'

/** Redraws start a little before a view scrolls in, so it never shows a stale picture. */
export const ON_SCREEN_MARGIN = '200px'
/** How often a view out of sight redraws at most (the latest change always gets its redraw). */
export const OFF_SCREEN_EVERY_MS = 500

/**
 * Whether `target` is within ON_SCREEN_MARGIN of the viewport, kept current while the component is
 * mounted. True until the browser says otherwise, and always where there is no IntersectionObserver
 * (or one that never answers, as in tests).
 */
export function useOnScreen(target: Readonly<Ref<Element | null>>): Readonly<Ref<boolean>> {
  const onScreen = ref(true)
  let observer: IntersectionObserver | null = null
  onMounted(() => {
    if (typeof IntersectionObserver === 'undefined' || !target.value) return
    observer = new IntersectionObserver(
      (entries) => {
        const last = entries.at(-1)
        if (last) onScreen.value = last.isIntersecting
      },
      { rootMargin: ON_SCREEN_MARGIN },
    )
    observer.observe(target.value)
  })
  onBeforeUnmount(() => observer?.disconnect())
  return readonly(onScreen)
}

/**
 * Returns the function a view calls when it has something new to draw: `redraw` runs at once while
 * `target` is on screen, else at most every OFF_SCREEN_EVERY_MS (after the wait, so it draws the
 * newest state), and at once when the view comes on screen with a redraw still owed.
 */
export function useScreenPace(target: Readonly<Ref<Element | null>>, redraw: () => void): () => void {
  const onScreen = useOnScreen(target)
  let timer: ReturnType<typeof setTimeout> | null = null
  const now = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    redraw()
  }
  watch(onScreen, (on) => {
    if (on && timer !== null) now()
  })
  onBeforeUnmount(() => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  })
  return () => {
    if (onScreen.value) now()
    else timer ??= setTimeout(now, OFF_SCREEN_EVERY_MS)
  }
}
