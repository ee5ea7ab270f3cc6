// The AI SDK logs provider warnings to the console; the tests assert on them through the results instead.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
