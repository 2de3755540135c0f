/** The optional LLM judge (see llm-judge.ts): ports, prompt, answer schema. */
export { ANSWER_SCHEMA, parseAnswer } from './answer.ts';
export * from './llm-judge.ts';
export * from './ports.ts';
export { buildPrompt, candidateLine } from './prompt.ts';
