/** How a part of the system is doing, as the health page shows it. */
export type ComponentState = 'up' | 'lagging' | 'down'

export type ComponentHealth = {
  name: string
  state: ComponentState
  /** One line for an operator: what it is connected to, or what is wrong and since when. */
  detail: string
}
