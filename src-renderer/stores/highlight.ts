/**
 * Neurons another panel points at in the network diagram (the Diagnostics panel's warnings mark
 * the dead or saturated units), so the diagram needs no props threaded through the views.
 */
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'

/** A neuron by its place: layer 0-based with the output layer last (as the diagram counts), unit 0-based. */
export interface NeuronRef {
  layer: number
  unit: number
}

const key = (layer: number, unit: number) => `${layer}.${unit}`

export const useHighlightStore = defineStore('highlight', () => {
  const marked = shallowRef<ReadonlySet<string>>(new Set())

  /** Marks exactly these neurons (replacing what was marked). */
  function mark(neurons: readonly NeuronRef[]): void {
    const next = new Set(neurons.map((n) => key(n.layer, n.unit)))
    // Same set: keep the old one, so the diagram does not redraw for nothing.
    if (next.size === marked.value.size && [...next].every((k) => marked.value.has(k))) return
    marked.value = next
  }

  function clear(): void {
    mark([])
  }

  function isMarked(layer: number, unit: number): boolean {
    return marked.value.has(key(layer, unit))
  }

  return { marked, mark, clear, isMarked }
})
