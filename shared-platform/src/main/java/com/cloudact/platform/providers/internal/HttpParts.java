package com.cloudact.platform.providers.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Bits of HTTP that request signers and token clients share. */
public final class HttpParts {

    public static final String FORM = "application/x-www-form-urlencoded";

    private HttpParts() {
    }

    /**
     * The {@code Host} header exactly as {@link java.net.http.HttpClient} sends it: the host, plus {@code :port}
     * unless the port is absent or the scheme's default. Signatures that cover {@code host} must use this value.
     */
    public static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        boolean defaultPort = port == -1 || (secure ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** {@code application/x-www-form-urlencoded} text, in the map's iteration order. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Joins a base URL (with or without a trailing slash) and a path starting with '/'. */
    public static URI join(String base, String pathAndQuery) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + pathAndQuery);
    }
}
