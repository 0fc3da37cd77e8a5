// For plain tsc over the renderer's unit tests (tsconfig.e2e.json): vue-tsc checks the .vue files
// themselves; here a component import only needs to be a component.
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent
  export default component
}
