/**
 * Optimizers that update one flat parameter array in place, in PyTorch's order so that numbers
 * match what a learner would get there. Their state (velocities, moments, step count) reads and
 * writes as the model file's `optimizer.state`, so continued training is exact.
 */
import type { AdamConfig, AdamState, OptimizerConfig, SgdConfig, SgdState } from '../model-file/types.ts'

export interface Optimizer {
  readonly type: OptimizerConfig['type']
  /** One update of params from grad with learning rate lr (the schedule's, for this epoch). */
  step(params: Float64Array, grad: Float64Array, lr: number): void
  /** A copy of the state, ready for the model file. */
  state(): SgdState | AdamState
  /** Puts back a state taken by `state()`. */
  restore(state: SgdState | AdamState): void
  /** The state as one flat vector (for time-travel snapshots: one copy, no arrays of numbers). */
  stateVector(): Float64Array
  /** Puts back a vector taken by `stateVector()` from an optimizer of the same kind and size. */
  restoreVector(state: Float64Array): void
  /** Remembers the current state (without allocating), for `rewind`. */
  checkpoint(): void
  /** Goes back to the last checkpoint (used to roll back a diverged epoch). */
  rewind(): void
}

/** SGD with momentum, PyTorch order: v ← momentum·v + g, then p ← p − lr·v (momentum 0: plain SGD). */
export class Sgd implements Optimizer {
  readonly type = 'sgd'
  momentum: number
  private readonly velocities: Float64Array
  private readonly saved: Float64Array

  constructor(size: number, momentum: number, state?: SgdState) {
    this.momentum = momentum
    this.velocities = new Float64Array(size)
    this.saved = new Float64Array(size)
    if (state) this.restore(state)
  }

  step(params: Float64Array, grad: Float64Array, lr: number): void {
    const v = this.velocities
    const momentum = this.momentum
    for (let i = 0; i < params.length; i++) {
      v[i] = momentum * v[i] + grad[i]
      params[i] -= lr * v[i]
    }
  }

  state(): SgdState {
    return { velocities: Array.from(this.velocities) }
  }

  restore(state: SgdState | AdamState): void {
    if (!('velocities' in state)) throw new Error('SGD cannot continue from an Adam state.')
    checkLength('optimizer.state.velocities', state.velocities, this.velocities.length)
    this.velocities.set(state.velocities)
  }

  stateVector(): Float64Array {
    return this.velocities.slice()
  }

  restoreVector(state: Float64Array): void {
    checkVector(state, this.velocities.length)
    this.velocities.set(state)
  }

  checkpoint(): void {
    this.saved.set(this.velocities)
  }

  rewind(): void {
    this.velocities.set(this.saved)
  }
}

/**
 * Adam with decoupled weight decay (PyTorch's AdamW): p ← p − lr·wd·p, then
 * m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², p ← p − lr·m̂/(√v̂ + ε) with m̂, v̂ bias-corrected.
 */
export class Adam implements Optimizer {
  readonly type = 'adam'
  beta1: number
  beta2: number
  epsilon: number
  weightDecay: number
  private t = 0
  private readonly m: Float64Array
  private readonly v: Float64Array
  private savedT = 0
  private readonly savedM: Float64Array
  private readonly savedV: Float64Array

  constructor(size: number, config: Omit<AdamConfig, 'type' | 'learningRate'>) {
    this.beta1 = config.beta1
    this.beta2 = config.beta2
    this.epsilon = config.epsilon
    this.weightDecay = config.weightDecay
    this.m = new Float64Array(size)
    this.v = new Float64Array(size)
    this.savedM = new Float64Array(size)
    this.savedV = new Float64Array(size)
    if (config.state) this.restore(config.state)
  }

  step(params: Float64Array, grad: Float64Array, lr: number): void {
    const { beta1, beta2, epsilon, m, v } = this
    const decay = 1 - lr * this.weightDecay
    this.t++
    const correction1 = 1 - beta1 ** this.t
    const correction2 = 1 - beta2 ** this.t
    for (let i = 0; i < params.length; i++) {
      const g = grad[i]
      if (decay !== 1) params[i] *= decay
      m[i] = beta1 * m[i] + (1 - beta1) * g
      v[i] = beta2 * v[i] + (1 - beta2) * g * g
      params[i] -= (lr * (m[i] / correction1)) / (Math.sqrt(v[i] / correction2) + epsilon)
    }
  }

  state(): AdamState {
    return { step: this.t, m: Array.from(this.m), v: Array.from(this.v) }
  }

  restore(state: SgdState | AdamState): void {
    if (!('m' in state)) throw new Error('Adam cannot continue from an SGD state.')
    if (!Number.isInteger(state.step) || state.step < 0)
      throw new Error(`optimizer.state.step must be a whole number ≥ 0, got ${state.step}.`)
    checkLength('optimizer.state.m', state.m, this.m.length)
    checkLength('optimizer.state.v', state.v, this.v.length)
    this.t = state.step
    this.m.set(state.m)
    this.v.set(state.v)
  }

  /** [step, m…, v…] */
  stateVector(): Float64Array {
    const out = new Float64Array(1 + 2 * this.m.length)
    out[0] = this.t
    out.set(this.m, 1)
    out.set(this.v, 1 + this.m.length)
    return out
  }

  restoreVector(state: Float64Array): void {
    const n = this.m.length
    checkVector(state, 1 + 2 * n)
    this.t = state[0]
    this.m.set(state.subarray(1, 1 + n))
    this.v.set(state.subarray(1 + n))
  }

  checkpoint(): void {
    this.savedT = this.t
    this.savedM.set(this.m)
    this.savedV.set(this.v)
  }

  rewind(): void {
    this.t = this.savedT
    this.m.set(this.savedM)
    this.v.set(this.savedV)
  }
}

/** The optimizer a config describes, for `size` parameters, continuing from its saved state if any. */
export function createOptimizer(config: OptimizerConfig, size: number): Sgd | Adam {
  return config.type === 'sgd' ? new Sgd(size, config.momentum, config.state) : new Adam(size, config)
}

/** The config with `optimizer`'s current state attached (what the model file stores). */
export function optimizerConfigWithState(config: OptimizerConfig, optimizer: Optimizer): OptimizerConfig {
  if (config.type === 'sgd') return { ...config, state: optimizer.state() as SgdState } satisfies SgdConfig
  return { ...config, state: optimizer.state() as AdamState } satisfies AdamConfig
}

function checkVector(state: Float64Array, size: number): void {
  if (!(state instanceof Float64Array) || state.length !== size)
    throw new Error(
      `An optimizer state of ${state?.length ?? 0} numbers does not fit an optimizer of ${size}.`,
    )
}

function checkLength(field: string, values: readonly number[], size: number): void {
  if (!Array.isArray(values) || values.length !== size)
    throw new Error(
      `${field} has ${Array.isArray(values) ? values.length : 'no'} numbers but the network has ${size} parameters: ` +
        'the saved optimizer state does not belong to this network. Remove it to start the optimizer afresh.',
    )
  if (!values.every((x) => typeof x === 'number' && Number.isFinite(x)))
    throw new Error(`${field} holds a value that is not a finite number: the file is damaged.`)
}
