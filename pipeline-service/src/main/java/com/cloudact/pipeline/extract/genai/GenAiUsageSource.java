package com.cloudact.pipeline.extract.genai;

import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import java.io.IOException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A GenAI provider's usage (and, where it has one, cost) API read with the org's stored credential, for whole UTC
 * days. Implementations are Spring beans; the {@code genai.usage} step picks one by {@link #provider()}.
 */
public interface GenAiUsageSource {

    /** The GenAI provider whose usage this reads. */
    Provider provider();

    /**
     * The integration whose credential the read uses: the provider itself (OpenAI admin key ...), or the cloud the
     * provider is billed through (GCP for Gemini and Vertex, Azure for Azure OpenAI, AWS for Bedrock).
     */
    default Provider credentialProvider() {
        return provider();
    }

    /**
     * Whether {@link #fetch} answers for every day of the requested range, so that a day it reports nothing for has
     * no usage (and the rows an earlier run wrote for it are removed). A source that can only answer for the day it
     * reads (DeepSeek's balance, which has no history) says false, and earlier days are left as they are.
     */
    default boolean answersEveryDay() {
        return true;
    }

    /**
     * Reads the days {@code request.start()} to {@code request.end()} (inclusive, UTC), following every page.
     *
     * @throws com.cloudact.model.CloudActException UPSTREAM_ERROR when the provider refuses or answers with an error
     *                                              page after the retries
     */
    GenAiFetch fetch(ExportLocationReader.Request request) throws IOException, InterruptedException;

    /**
     * The same facts from answers of this provider's APIs saved earlier: an uploaded file holding one answer page
     * per line (JSON Lines), exactly the pages {@link #fetch} reads (each page tells by its own shape which API it
     * came from). Lets an org import what it pulled itself, and lets the demo ingest generated pages through the
     * same parsing the live read uses.
     *
     * @throws com.cloudact.model.CloudActException INVALID_BILLING_FILE for a page this provider's APIs never answer
     */
    GenAiFetch parse(List<JsonNode> pages);
}
