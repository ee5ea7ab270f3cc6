export {};
export * from './openai-scripts.js';
export * from './openai-server.js';
