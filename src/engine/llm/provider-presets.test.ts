import { describe, expect, it } from 'vitest';
import { maskSecret, PRESET_NAMES, PROVIDER_PRESETS, resolveProviderConfig } from './provider-presets.ts';

describe('resolveProviderConfig', () => {
  it('is null (offline) when nothing is configured', () => {
    expect(resolveProviderConfig({}, {})).toBeNull();
  });

  it('reads LINGXI_LLM_* before LLM_* and applies defaults', () => {
    const config = resolveProviderConfig({}, { LINGXI_LLM_BASE_URL: 'https://llm.example.com/v1', LLM_BASE_URL: 'https://ignored.example.com', LINGXI_LLM_API_KEY: 'sk-abcdefghijklmnop', LLM_MODEL: 'my-model', LINGXI_LLM_TIMEOUT_MS: '5000' });
    expect(config).toMatchObject({ preset: 'custom', baseUrl: 'https://llm.example.com/v1', model: 'my-model', timeoutMs: 5000, temperature: 0.2, stream: true });
  });

  it('fills a preset from its table row and the provider key variable; options win over the environment', () => {
    const config = resolveProviderConfig({ model: 'deepseek-reasoner' }, { LINGXI_LLM_PRESET: 'deepseek', DEEPSEEK_API_KEY: 'sk-deepseek-1234567890', LINGXI_LLM_MODEL: 'deepseek-chat' });
    expect(config).toMatchObject({ preset: 'deepseek', baseUrl: PROVIDER_PRESETS.deepseek.baseUrl, apiKey: 'sk-deepseek-1234567890', model: 'deepseek-reasoner' });
    expect(resolveProviderConfig({ preset: 'qwen' }, { DASHSCOPE_API_KEY: 'sk-dashscope-123456' })?.baseUrl).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1');
  });

  it('lets local servers run without a key and names the variable when a hosted preset lacks one', () => {
    expect(resolveProviderConfig({ preset: 'ollama' }, {})).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1', apiKey: '', model: 'qwen2.5:7b' });
    expect(() => resolveProviderConfig({ preset: 'glm' }, {})).toThrow(/ZHIPUAI_API_KEY/);
    expect(() => resolveProviderConfig({ preset: 'nope' }, {})).toThrow(/Unknown LLM preset/);
    expect(() => resolveProviderConfig({}, { LINGXI_LLM_BASE_URL: 'ftp://x', LINGXI_LLM_MODEL: 'm' })).toThrow(/Invalid LLM configuration/);
  });

  it('has a base URL and default model for every preset', () => {
    expect(PRESET_NAMES).toEqual(expect.arrayContaining(['deepseek', 'qwen', 'glm', 'doubao', 'openai', 'vllm', 'ollama', 'llamacpp']));
    for (const name of PRESET_NAMES) expect(PROVIDER_PRESETS[name].baseUrl).toMatch(/^https?:\/\/.+\/v\d+$|compatible-mode\/v1$/);
  });
});

describe('maskSecret', () => {
  it('never returns the key', () => {
    expect(maskSecret('sk-0123456789abcdefXYZ')).toBe('sk-…fXYZ');
    expect(maskSecret('short')).toBe('****');
    expect(maskSecret('')).toBe('(none)');
  });
});
