package com.cloudact.pipeline.extract.genai.azureopenai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an Azure OpenAI meter name says, read defensively (Microsoft documents no format; names look like
 * {@code gpt 4.1 mini Inp glbl}, {@code gpt-4o-0806-Outp-regnl}, {@code gpt 4o cchd Inp glbl Batch}). The meter
 * stays the line item as reported.
 *
 * @param model     the words before the direction, joined by {@code -} ({@code gpt-4.1-mini}), or null
 * @param tokenType input, output or cache_read, or null when the meter does not say
 */
record MeterName(String model, String tokenType, boolean batch) {

    private static final Set<String> INPUT = Set.of("inp", "input", "in", "prompt");
    private static final Set<String> OUTPUT = Set.of("outp", "output", "out", "completion");
    private static final Set<String> CACHED = Set.of("cchd", "cached", "cache", "cached-inp");
    private static final Set<String> NOISE = Set.of("glbl", "global", "regnl", "regional", "dzone", "datazone", "data",
            "zone", "batch", "tokens", "token", "1k", "1m", "ptu", "provisioned", "managed", "aoai", "openai", "ft");

    static MeterName of(String meter) {
        if (meter == null || meter.isBlank()) {
            return new MeterName(null, null, false);
        }
        String[] words = meter.toLowerCase(Locale.ROOT).split("[\\s_]+|-(?=[a-z])");
        List<String> model = new ArrayList<>();
        String type = null;
        boolean cached = false;
        boolean batch = false;
        for (String word : words) {
            if (CACHED.contains(word)) {
                cached = true;
            } else if (INPUT.contains(word)) {
                type = "input";
            } else if (OUTPUT.contains(word)) {
                type = "output";
            } else if (word.equals("batch")) {
                batch = true;
            } else if (type == null && !cached && !NOISE.contains(word) && !word.isEmpty()) {
                model.add(word);
            }
        }
        if (cached && !"output".equals(type)) {
            type = "cache_read";
        }
        return new MeterName(model.isEmpty() ? null : String.join("-", model), type, batch);
    }
}
