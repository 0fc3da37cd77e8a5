/** The public API of shared/: engine, networks, data, model file, training, graph, IPC types. */
export * from './engine/value.ts'
export * from './nn/mlp.ts'
export * from './random.ts'
export * from './model-file/types.ts'
export type * from './ipc.ts'
export { INVOKE_CHANNELS } from './ipc.ts'
