import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, nextTick, ref, type App } from 'vue'
import { OFF_SCREEN_EVERY_MS, useScreenPace } from './on-screen.ts'

/** An IntersectionObserver the test answers: `show(false)` scrolls the view away. */
let answer: ((on: boolean) => void) | null = null
class FakeObserver {
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe() {
    answer = (on) =>
      this.callback(
        [{ isIntersecting: on } as IntersectionObserverEntry],
        this as unknown as IntersectionObserver,
      )
  }
  disconnect() {
    answer = null
  }
}

let app: App | null = null
afterEach(() => {
  app?.unmount()
  app = null
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

function mountView() {
  let redraws = 0
  let ask: () => void = () => {}
  const View = defineComponent(() => {
    const el = ref<HTMLElement | null>(null)
    ask = useScreenPace(el, () => redraws++)
    return () => h('div', { ref: el })
  })
  app = createApp(View)
  app.mount(document.createElement('div'))
  return { ask: () => ask(), redraws: () => redraws }
}

describe('useScreenPace', () => {
  it('redraws at once on screen; out of sight at most every OFF_SCREEN_EVERY_MS, the newest last', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('IntersectionObserver', FakeObserver)
    const view = mountView()
    view.ask()
    view.ask()
    expect(view.redraws()).toBe(2)
    answer!(false)
    await nextTick()
    view.ask()
    view.ask()
    view.ask()
    expect(view.redraws()).toBe(2)
    vi.advanceTimersByTime(OFF_SCREEN_EVERY_MS)
    expect(view.redraws()).toBe(3)
    vi.advanceTimersByTime(OFF_SCREEN_EVERY_MS)
    expect(view.redraws()).toBe(3)
    // Owed a redraw when it comes back: drawn at once, not after the wait.
    view.ask()
    answer!(true)
    await nextTick()
    expect(view.redraws()).toBe(4)
    vi.advanceTimersByTime(OFF_SCREEN_EVERY_MS)
    expect(view.redraws()).toBe(4)
  })

  it('without an IntersectionObserver a view is taken to be on screen', () => {
    vi.stubGlobal('IntersectionObserver', undefined)
    const view = mountView()
    view.ask()
    expect(view.redraws()).toBe(1)
  })
})
