import { createInMemoryCoordinationStore, createInMemoryVectorStore } from '../../src/stores/in-memory/index.js';
import { describeCoordinationStoreConformance } from '../../src/testing/coordination-store-conformance.js';
import { describeVectorStoreConformance } from '../../src/testing/vector-store-conformance.js';

describeVectorStoreConformance('in-memory', () => createInMemoryVectorStore());
describeCoordinationStoreConformance('in-memory', () => createInMemoryCoordinationStore());
