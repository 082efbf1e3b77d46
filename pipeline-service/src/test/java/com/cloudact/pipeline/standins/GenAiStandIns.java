package com.cloudact.pipeline.standins;

import java.util.List;

/** OpenAI, Anthropic and DeepSeek stand-ins for the whole pipeline test suite, with the keys they accept. */
public final class GenAiStandIns {

    public static final String OPENAI_ADMIN_KEY = "sk-admin-" + "PipelineSuiteOpenAiKey0001";
    public static final String ANTHROPIC_ADMIN_KEY = "sk-ant-admin01-" + "PipelineSuiteKey0001";
    public static final String DEEPSEEK_KEY = "sk-" + "PipelineSuiteDeepSeekKey0001";

    public static final OpenAiStandIn OPENAI = new OpenAiStandIn(OPENAI_ADMIN_KEY);
    public static final AnthropicStandIn ANTHROPIC = new AnthropicStandIn(ANTHROPIC_ADMIN_KEY);
    public static final DeepSeekStandIn DEEPSEEK = new DeepSeekStandIn(DEEPSEEK_KEY);

    private GenAiStandIns() {
    }

    /** The allow-list entries that let the guarded HTTP client reach them. */
    public static List<String> hosts() {
        return List.of(OPENAI.hostPort(), ANTHROPIC.hostPort(), DEEPSEEK.hostPort());
    }
}
