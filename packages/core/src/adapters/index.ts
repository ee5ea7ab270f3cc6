// What the framework adapters share: one option vocabulary, one storage rule, one recall path.
export type * from './adapter-options.js';
export { BackgroundWrites } from './background-writes.js';
export type { AdapterRequirements } from './check-adapter-options.js';
export { checkAdapterOptions } from './check-adapter-options.js';
export { conversationOption, maxConversationKeyLength } from './conversation-key.js';
export type { Recall, RecallEngine } from './recall.js';
export { defaultRecallLimit, defaultRecallThreshold, recallMemories, turnMessages } from './recall.js';
export { scopedMessageLog } from './scoped-message-log.js';
