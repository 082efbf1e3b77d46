package com.cloudact.platform.providers.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The error code and message a provider put in an error body, in whichever of the common shapes it used:
 * {@code {"error":{"code","message"}}} (OpenAI, Anthropic, Google APIs, Azure ARM), OAuth's
 * {@code {"error","error_description"}} (Google and Microsoft token endpoints), {@code {"code","message"}} (OCI) or
 * AWS's XML {@code <Error><Code/><Message/></Error>}. The message is cleaned of control characters and cut to
 * {@value #MAX_MESSAGE} characters; callers still scrub it of the credential's secrets.
 */
public record ProviderError(String code, String message) {

    public static final int MAX_MESSAGE = 200;

    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]{0,200})</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]{0,2000})</Message>");

    public static ProviderError from(String body) {
        if (body == null || body.isBlank()) {
            return new ProviderError("", "");
        }
        if (body.stripLeading().startsWith("<")) {
            return new ProviderError(clean(unescape(group(XML_CODE, body))), clean(unescape(group(XML_MESSAGE, body))));
        }
        JsonNode json = CredentialJson.readOrNull(body);
        if (json == null || !json.isObject()) {
            return new ProviderError("", "");
        }
        JsonNode error = json.path("error");
        if (error.isObject()) {
            String code = text(error.path("code"));
            if (code.isEmpty() || error.path("code").isNumber()) {
                code = firstNonEmpty(text(error.path("status")), text(error.path("type")), code);
            }
            return new ProviderError(clean(code), clean(text(error.path("message"))));
        }
        if (error.isString()) {
            return new ProviderError(clean(error.stringValue()), clean(text(json.path("error_description"))));
        }
        return new ProviderError(clean(text(json.path("code"))), clean(text(json.path("message"))));
    }

    public boolean hasMessage() {
        return !message.isEmpty();
    }

    private static String text(JsonNode node) {
        return node.isString() || node.isNumber() ? node.asString() : "";
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    private static String group(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1) : "";
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    /** Drops control characters, collapses white space and cuts to {@value #MAX_MESSAGE} characters. */
    public static String clean(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
