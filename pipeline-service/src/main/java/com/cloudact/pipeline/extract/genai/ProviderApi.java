package com.cloudact.pipeline.extract.genai;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.platform.providers.SafeHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a provider's usage or cost API as a well-behaved client: throttling (429) and transient server errors
 * (500/502/503/504) are retried with the provider's {@code Retry-After} (seconds or an HTTP date, at most
 * {@link #MAX_WAIT}) or else exponential backoff from one second; anything else that is not 2xx ends the read with
 * the provider's own error message. Every call goes through {@link SafeHttp} (https only, no private addresses).
 */
@Component
public class ProviderApi {

    /** Attempts per request, the first included. */
    public static final int ATTEMPTS = 5;
    static final Duration MAX_WAIT = Duration.ofSeconds(120);
    private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
    /** Decimal numbers read exactly (money), never through a double. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** Waits between attempts; tests replace it to keep time. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final SafeHttp http;
    private final Sleeper sleeper;

    @Autowired
    public ProviderApi(SafeHttp http) {
        this(http, d -> Thread.sleep(d.toMillis()));
    }

    public ProviderApi(SafeHttp http, Sleeper sleeper) {
        this.http = http;
        this.sleeper = sleeper;
    }

    /**
     * Sends the request (rebuilt for every attempt) and reads a JSON answer.
     *
     * @param what the call in words for error messages, e.g. "the OpenAI completions usage"
     */
    public JsonNode json(HttpRequest request, String what) throws IOException, InterruptedException {
        return json(request, what, Throttling.HTTP);
    }

    /**
     * How a provider says "slow down" beyond HTTP 429 and {@code Retry-After}: AWS's JSON services answer throttling
     * with HTTP 400 and a {@code ThrottlingException}; Azure Cost Management names its wait in
     * {@code x-ms-ratelimit-microsoft.costmanagement-*-retry-after} headers.
     *
     * @param alsoRetried answers (besides 429 and the transient 5xx) to retry like a 429
     * @param waitHeaders headers holding the seconds to wait, read in order when there is no {@code Retry-After}
     */
    public record Throttling(Predicate<HttpResponse<String>> alsoRetried, List<String> waitHeaders) {

        public static final Throttling HTTP = new Throttling(response -> false, List.of());

        public Throttling {
            waitHeaders = List.copyOf(waitHeaders);
        }
    }

    /** Like {@link #json(HttpRequest, String)}, also retrying what {@code throttling} recognizes. */
    public JsonNode json(HttpRequest request, String what, Throttling throttling)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(request);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                try {
                    return JSON.readTree(response.body());
                } catch (RuntimeException e) {
                    throw new CloudActException(ErrorCode.UPSTREAM_ERROR, what + " answered with a body that is not JSON");
                }
            }
            boolean retried = RETRIED.contains(status) || throttling.alsoRetried().test(response);
            if (!retried || attempt == ATTEMPTS) {
                throw new CloudActException(status == 401 || status == 403 ? ErrorCode.INTEGRATION_NOT_CONFIGURED
                        : ErrorCode.UPSTREAM_ERROR, what + " failed with HTTP " + status
                        + (attempt > 1 ? " after " + attempt + " attempts" : "") + errorMessage(response.body())
                        .map(m -> ": " + m).orElse(""));
            }
            sleeper.sleep(wait(response, attempt, throttling.waitHeaders()));
        }
    }

    /** The wait before the next attempt: the provider's Retry-After when it sent one, else 1, 2, 4, 8 s. */
    static Duration wait(HttpResponse<?> response, int attempt) {
        return wait(response, attempt, List.of());
    }

    /** The wait, also reading the provider's own {@code waitHeaders} (seconds) when there is no Retry-After. */
    static Duration wait(HttpResponse<?> response, int attempt, List<String> waitHeaders) {
        Duration backoff = Duration.ofSeconds(1L << (attempt - 1));
        Optional<Duration> asked = response.headers().firstValue("Retry-After").flatMap(ProviderApi::retryAfter);
        for (String header : waitHeaders) {
            if (asked.isPresent()) {
                break;
            }
            asked = response.headers().firstValue(header).flatMap(ProviderApi::retryAfter);
        }
        Duration wait = asked.orElse(backoff);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static Optional<Duration> retryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }

    /**
     * The provider's error message from an error page ({@code {"error": {"message": ...}}} or
     * {@code {"error": "...", "message": ...}}), cut to 300 characters; never the whole body.
     */
    static Optional<String> errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode error = node.path("error");
            String message = error.isObject() ? error.path("message").asString(null)
                    : node.path("message").asString(error.isString() ? error.asString() : null);
            return Optional.ofNullable(message).map(m -> m.length() > 300 ? m.substring(0, 300) : m);
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
