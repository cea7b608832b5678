/** Activations accepted by the MLP encoder and heads (tfjs-layers identifiers). */
export const ACTIVATIONS = ['relu', 'elu', 'selu', 'gelu', 'swish', 'mish', 'tanh', 'sigmoid', 'softplus', 'linear'] as const;

/** An activation the encoders accept. */
export type Activation = (typeof ACTIVATIONS)[number];

/** Activations tfjs-layers fuses into `fused.matMul` / `fused.conv2d` (see README, "Speed"). */
export const FUSABLE_ACTIVATIONS: ReadonlySet<Activation> = new Set<Activation>(['relu', 'elu', 'linear']);
