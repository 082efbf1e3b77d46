package com.cloudact.pipeline.extract.genai.google;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Gemini API or Vertex AI SKU description says about the model and the kind of usage, read defensively:
 * Google does not document a format (e.g. {@code "Gemini 2.5 Flash Input Text Tokens"},
 * {@code "Claude 3.5 Sonnet v2 Output Tokens"}, {@code "Gemini 2.0 Flash Cached Input Text - Batch"}). The SKU id
 * stays the key and the description is kept as reported; these fields only help reconcile.
 *
 * @param model     the model in the form Vertex metrics name it ({@code gemini-2.5-flash}), or null
 * @param tokenType input, output, cache_read, cache_storage, or null when the SKU is not about tokens
 * @param batch     whether the SKU is a batch price
 */
public record SkuDescription(String model, String tokenType, boolean batch) {

    private static final Pattern MODEL = Pattern.compile("(?i)\\b(gemini|gemma|claude|llama|mistral|codestral|jamba"
            + "|imagen|veo|palm|codey|chirp|text[- ]embedding|text[- ]multilingual[- ]embedding|multimodal[- ]embedding)"
            + "((?:[ -](?:\\d[\\w.]*|v\\d[\\w.]*|pro|flash|ultra|nano|lite|flash-lite|sonnet|opus|haiku|instruct|large"
            + "|medium|small|tiny|thinking|preview|exp|image|live|gecko|bison|unicorn|vision|chat|generate))*)");
    private static final Pattern GSU = Pattern.compile("(?i)provisioned throughput|\\bgsu\\b|generative ai scale unit");

    public static SkuDescription of(String description) {
        String text = description == null ? "" : description;
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher model = MODEL.matcher(text);
        String name = model.find() ? (model.group(1) + model.group(2)).strip().toLowerCase(Locale.ROOT)
                .replaceAll("[ ]+", "-").replaceAll("-+", "-") : null;
        return new SkuDescription(name, tokenType(lower), lower.contains("batch"));
    }

    /** Whether the SKU is Vertex AI provisioned throughput (Generative AI Scale Units), a commitment. */
    public static boolean isProvisionedThroughput(String description) {
        return description != null && GSU.matcher(description).find();
    }

    public Optional<String> modelName() {
        return Optional.ofNullable(model);
    }

    private static String tokenType(String lower) {
        boolean tokens = lower.contains("token") || lower.contains("input") || lower.contains("output")
                || lower.contains("prompt") || lower.contains("cache");
        if (!tokens) {
            return null;
        }
        if (lower.contains("cache") && lower.contains("storage")) {
            return "cache_storage";
        }
        if (lower.contains("cached") || lower.contains("cache read") || lower.contains("cache hit")
                || lower.contains("context cache")) {
            return "cache_read";
        }
        if (lower.contains("output") || lower.contains("response") || lower.contains("completion")
                || lower.contains("thinking")) {
            return "output";
        }
        if (lower.contains("input") || lower.contains("prompt")) {
            return "input";
        }
        return null;
    }
}
