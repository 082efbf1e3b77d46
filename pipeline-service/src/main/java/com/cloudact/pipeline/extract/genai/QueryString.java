package com.cloudact.pipeline.extract.genai;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A URL query built from names and values, each percent-encoded ({@code group_by[]} is sent as
 * {@code group_by%5B%5D}, which servers decode to the bracket form the providers' SDKs use). Repeating a name
 * repeats the parameter.
 */
public final class QueryString {

    private final List<String> pairs = new ArrayList<>();

    public QueryString add(String name, Object value) {
        pairs.add(encode(name) + "=" + encode(String.valueOf(value)));
        return this;
    }

    /** Adds the parameter only when the value is not null. */
    public QueryString addIfPresent(String name, Object value) {
        return value == null ? this : add(name, value);
    }

    /** A copy to which a page cursor can be added without changing this query. */
    public QueryString copy() {
        QueryString copy = new QueryString();
        copy.pairs.addAll(pairs);
        return copy;
    }

    @Override
    public String toString() {
        return String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
