package com.cloudact.localstack.demo;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * DeepSeek usage of a demo organization. DeepSeek has no usage-history API, so what an org can give us is its own
 * record of the chat-completion responses, each with DeepSeek's {@code usage} object (cache hit and miss tokens,
 * completion tokens); this writes such responses, a few dozen per day, one JSON object per line.
 */
public final class DeepSeekResponsesGenerator {

    private static final List<String> MODELS = List.of("deepseek-chat", "deepseek-reasoner");

    private final long seed;
    private final DemoPrices prices = new DemoPrices();

    public DeepSeekResponsesGenerator(long seed) {
        this.seed = seed;
    }

    public DemoPages.Written write(LocalDate first, LocalDate last, Path directory) {
        Random random = new Random(seed);
        List<Object> responses = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        long rows = 0;
        int id = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            int requests = (int) Math.round(30 * Demand.of(day, first, random));
            for (int i = 0; i < requests; i++) {
                String model = MODELS.get(i % 5 == 0 ? 1 : 0);
                long prompt = 800 + random.nextInt(6_000);
                long hit = random.nextInt(10) < 4 ? prompt * (40 + random.nextInt(50)) / 100 : 0;
                long reasoning = model.equals("deepseek-reasoner") ? 300 + random.nextInt(2_000) : 0;
                long completion = 150 + random.nextInt(1_200) + reasoning;
                long created = day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + (long) (86_399 * (i + 0.5) / requests);
                DemoPrices.Rates rates = prices.rates("deepseek", model, day);
                total = total.add(rates.cost(prompt - hit, rates.input())).add(rates.cost(hit, rates.cachedInput()))
                        .add(rates.cost(completion, rates.output()));
                responses.add(DemoPages.object("id", "chatcmpl-demo-" + (++id), "object", "chat.completion",
                        "created", created, "model", model,
                        "choices", List.of(DemoPages.object("index", 0, "finish_reason", "stop",
                                "message", DemoPages.object("role", "assistant", "content", "(demo)"))),
                        "usage", usage(prompt, hit, completion, reasoning)));
            }
            rows += MODELS.size();
        }
        Path file = directory.resolve("deepseek-responses-" + first + "-" + last + ".jsonl");
        DemoPages.write(file, responses);
        return new DemoPages.Written(file, rows, total);
    }

    private static Map<String, Object> usage(long prompt, long hit, long completion, long reasoning) {
        return DemoPages.object("prompt_tokens", prompt, "completion_tokens", completion,
                "total_tokens", prompt + completion, "prompt_cache_hit_tokens", hit,
                "prompt_cache_miss_tokens", prompt - hit,
                "completion_tokens_details", DemoPages.object("reasoning_tokens", reasoning));
    }
}
