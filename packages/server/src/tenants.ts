import { ConfigurationError, Memory, type MemoryConfig, type ProviderConfig } from '@memzero/core';

/**
 * The engine config the service uses when none is given, read from the environment like `new Memory()` reads its
 * models: `MEMZERO_PATH` persists the embedded stores, and `UPSTASH_VECTOR_REST_URL` (with its token) selects Upstash
 * Vector, with Upstash Redis for history when `UPSTASH_REDIS_REST_URL` is set. Models follow `new Memory()`'s
 * defaults (OpenAI when OPENAI_API_KEY is set, otherwise the offline extractor and embedder).
 */
export function memoryConfigFromEnvironment(environment: Record<string, string | undefined>): MemoryConfig {
  if (environment.UPSTASH_VECTOR_REST_URL) {
    return {
      vectorStore: { provider: 'upstash' },
      ...(environment.UPSTASH_REDIS_REST_URL ? { historyStore: { provider: 'upstash-redis' } } : {}),
    };
  }
  return environment.MEMZERO_PATH ? { path: environment.MEMZERO_PATH } : {};
}

/**
 * The config of one organisation: its own directory under `path`, its own Upstash Vector namespace and its own Redis
 * key prefixes, so organisations share nothing but the models.
 */
export function organizationConfig(base: MemoryConfig, organization: string): MemoryConfig {
  const config: MemoryConfig = { ...base };
  if (base.path !== undefined) config.path = `${base.path.replace(/\/+$/, '')}/${organization}`;
  if (isProvider(base.vectorStore, 'upstash', 'upstash-vector')) {
    config.vectorStore = withOptions(base.vectorStore, {
      namespace: organization,
      keyPrefix: `memzero-index:${organization}:`,
    });
  }
  if (isProvider(base.historyStore, 'upstash', 'upstash-redis')) {
    config.historyStore = withOptions(base.historyStore, { keyPrefix: `memzero:${organization}:` });
  }
  return config;
}

/** One `Memory` per organisation, created on first use. */
export class TenantMemories {
  private readonly memories = new Map<string, Memory>();
  constructor(private readonly source: MemoryConfig | ((organization: string) => Memory)) {
    if (typeof source === 'function') return;
    // A ready store instance cannot be split per organisation: every key would share it.
    for (const option of ['vectorStore', 'historyStore'] as const) {
      const value = source[option];
      if (value !== undefined && typeof (value as Partial<ProviderConfig>).provider !== 'string') {
        throw new ConfigurationError(
          `memory.${option}: a store instance would be shared by every organisation; pass { provider, config } ` +
            'or memory: (organization) => new Memory({...}) that gives each organisation its own store',
        );
      }
    }
  }

  for(organization: string): Memory {
    let memory = this.memories.get(organization);
    if (!memory) {
      memory =
        typeof this.source === 'function'
          ? this.source(organization)
          : new Memory(organizationConfig(this.source, organization));
      this.memories.set(organization, memory);
    }
    return memory;
  }

  async close(): Promise<void> {
    await Promise.all([...this.memories.values()].map((memory) => memory.close()));
    this.memories.clear();
  }
}

function isProvider(value: unknown, ...names: string[]): value is ProviderConfig {
  return typeof value === 'object' && value !== null && names.includes((value as ProviderConfig).provider);
}

function withOptions(provider: ProviderConfig, options: Record<string, unknown>): ProviderConfig {
  // The organisation's prefix goes in front of any configured one, so two organisations never share keys.
  const merged: Record<string, unknown> = { ...provider.config, ...options };
  const configuredPrefix = provider.config?.keyPrefix;
  if (typeof configuredPrefix === 'string') merged.keyPrefix = `${configuredPrefix}${options.keyPrefix as string}`;
  const configuredNamespace = provider.config?.namespace;
  if (typeof configuredNamespace === 'string' && configuredNamespace && options.namespace) {
    merged.namespace = `${configuredNamespace}.${options.namespace as string}`;
  }
  return { ...provider, config: merged };
}
