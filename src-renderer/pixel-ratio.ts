/**
 * The screen's device pixel ratio as a ref that follows it: a window moved to a screen of another
 * density, or zoomed, changes it without resizing anything, so a canvas sized by it must be told.
 * One media query at a time, for the ratio of now, renewed at each change (the pattern MDN gives).
 */
import { readonly, ref, type Ref } from 'vue'

type Screen = Pick<Window, 'devicePixelRatio' | 'matchMedia'>

/** Follows `win`'s pixel ratio in a ref, calling no one: views watch the ref. */
export function followPixelRatio(win: Screen): Readonly<Ref<number>> {
  const ratio = ref(win.devicePixelRatio || 1)
  const listen = () => {
    win.matchMedia(`(resolution: ${ratio.value}dppx)`).addEventListener('change', onChange, { once: true })
  }
  const onChange = () => {
    ratio.value = win.devicePixelRatio || 1
    listen()
  }
  if (typeof win.matchMedia === 'function') listen()
  return readonly(ratio)
}

let shared: Readonly<Ref<number>> | null = null

/** The page's pixel ratio, one listener for every view. */
export function pixelRatio(): Readonly<Ref<number>> {
  return (shared ??= followPixelRatio(window))
}
