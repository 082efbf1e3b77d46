package com.cloudact.pipeline.extract.genai.openai;

import java.util.Locale;

/**
 * What an OpenAI Costs API {@code line_item} says, read defensively: its format is not documented (the API reference
 * shows {@code input_tokens}; real answers look like {@code gpt-4o-2024-08-06, input} or
 * {@code gpt-4o-mini, cached input} or {@code gpt-4.1, batch output}). The part before the last comma is the model,
 * the rest names the token type (and the batch tier); whatever cannot be read stays null, and the raw text is always
 * kept beside it.
 *
 * @param tokenType input, output, cache_read or cache_write_5m; null when the text names none
 */
record LineItem(String model, String tokenType, String serviceTier) {

    static LineItem parse(String lineItem) {
        if (lineItem == null || lineItem.isBlank()) {
            return new LineItem(null, null, null);
        }
        int comma = lineItem.lastIndexOf(',');
        String model = comma < 0 ? null : lineItem.substring(0, comma).strip();
        String kind = (comma < 0 ? lineItem : lineItem.substring(comma + 1)).strip().toLowerCase(Locale.ROOT)
                .replace('_', ' ');
        String tokenType = tokenType(kind);
        if (comma < 0 && tokenType == null) {
            // No comma and no token word: a bare product name (a model, "web search", ...); kept only as raw text.
            return new LineItem(null, null, null);
        }
        return new LineItem(model == null || model.isEmpty() ? null : model, tokenType,
                kind.contains("batch") ? "batch" : null);
    }

    private static String tokenType(String kind) {
        if (kind.contains("cache write") || kind.contains("cache creation") || kind.contains("cached write")) {
            return "cache_write_5m";
        }
        if (kind.contains("cached") || kind.contains("cache read")) {
            return "cache_read";
        }
        if (kind.contains("input")) {
            return "input";
        }
        if (kind.contains("output")) {
            return "output";
        }
        return null;
    }
}
