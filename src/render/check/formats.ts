// The check's output formats by name: what `--format` takes, known without loading a renderer.
export const CHECK_FORMATS = ['text', 'json', 'markdown', 'github', 'junit'] as const;

export type CheckFormat = (typeof CHECK_FORMATS)[number];
