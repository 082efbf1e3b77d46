package com.cloudact.platform.providers;

import com.cloudact.platform.providers.internal.ProviderError;
import com.cloudact.platform.providers.internal.Secrets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape every checker shares: parse the raw credential (a format error is {@code MALFORMED} and nothing is
 * sent), make the provider call, and turn every failure into a {@link CheckResult}. Whatever comes out is scrubbed
 * of the credential's secrets as a last line of defence.
 *
 * @param <C> the parsed credential record
 */
abstract class ProviderChecker<C> implements CredentialChecker {

    private final String provider;
    private final String subject;

    /**
     * @param provider display name used in messages ("OpenAI")
     * @param subject  what the user gave, used as "Invalid {subject}" ("API key")
     */
    ProviderChecker(String provider, String subject) {
        this.provider = provider;
        this.subject = subject;
    }

    /** @throws IllegalArgumentException with a user-facing message naming the field */
    abstract C parse(String raw);

    /** Every secret in the credential, to scrub from anything shown. */
    abstract List<String> secretsOf(C credential);

    abstract CheckResult checkParsed(C credential) throws IOException, InterruptedException;

    @Override
    public final CheckResult check(String rawCredential) {
        C credential;
        try {
            credential = parse(rawCredential);
        } catch (IllegalArgumentException e) {
            return CheckResult.of(ConnectionStatus.MALFORMED, e.getMessage());
        }
        return scrub(attempt(credential), secretsOf(credential));
    }

    private CheckResult attempt(C credential) {
        try {
            return checkParsed(credential);
        } catch (BlockedDestinationException e) {
            return CheckResult.of(ConnectionStatus.BLOCKED, "CloudAct " + lowerFirst(e.getMessage()));
        } catch (RedirectRefusedException e) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE, e.getMessage());
        } catch (HttpTimeoutException e) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE, provider + " did not answer in time; try again later");
        } catch (UnknownHostException e) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE, "Could not resolve the " + provider + " API host name");
        } catch (ConnectException e) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE, "Could not connect to the " + provider + " API");
        } catch (IOException e) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE, "Network error talking to the " + provider + " API");
        } catch (ProviderResponseException e) {
            return onProviderError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.of(ConnectionStatus.UNREACHABLE, "The check was interrupted");
        } catch (IllegalStateException e) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE, e.getMessage());
        } catch (RuntimeException e) {
            return CheckResult.of(ConnectionStatus.UNREACHABLE, provider + " answered in a way CloudAct could not read");
        }
    }

    /** How an auth helper's error (token endpoint, STS) maps; the AWS checker reads AWS's error codes instead. */
    CheckResult onProviderError(ProviderResponseException e) {
        return ResponseMapping.forError(provider, subject, e.status(), new ProviderError(e.errorCode(), e.providerMessage()));
    }

    /** The mapped failure for a non-2xx answer to the checker's own call; a 404 names what was not found. */
    CheckResult failure(HttpResponse<String> response, String notFound) {
        if (response.statusCode() == 404 && notFound != null) {
            return CheckResult.of(ConnectionStatus.INVALID, notFound);
        }
        return ResponseMapping.forError(provider, subject, response.statusCode(), ProviderError.from(response.body()));
    }

    static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).GET().header("Accept", "application/json");
    }

    private static CheckResult scrub(CheckResult result, List<String> secrets) {
        Map<String, String> facts = new LinkedHashMap<>();
        result.facts().forEach((k, v) -> facts.put(k, Secrets.scrub(v, secrets)));
        return new CheckResult(result.status(), Secrets.scrub(result.message(), secrets), facts);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
