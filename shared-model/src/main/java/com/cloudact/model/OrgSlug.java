package com.cloudact.model;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identifier of an organization: a dataset prefix, an API-key prefix and a URL segment.
 *
 * <p>Accepted input matches {@code ^[a-zA-Z0-9_]{3,50}$}. Two slugs that differ only in case name the same
 * organization, because dataset names must not collide in a case-insensitive engine, so the value is kept in
 * lower case.
 */
public record OrgSlug(String value) {

    public static final Pattern PATTERN = Pattern.compile("^[a-zA-Z0-9_]{3,50}$");
    private static final int MAX_LENGTH = 50;

    public OrgSlug {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw new CloudActException(ErrorCode.INVALID_ORG_SLUG,
                    "Organization slug must be 3-50 letters, digits or underscores (^[a-zA-Z0-9_]{3,50}$)");
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    public static OrgSlug of(String value) {
        return new OrgSlug(value);
    }

    public static boolean isValid(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }

    /** A new slug {@code {company}_{base36 timestamp}}, as the signup flow generates them. */
    public static OrgSlug generate(String companyName, Instant now) {
        String suffix = "_" + Long.toString(now.toEpochMilli(), 36);
        String base = companyName == null ? "" : companyName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        base = base.replaceAll("^_+|_+$", "");
        if (base.isEmpty()) {
            base = "org";
        }
        base = base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length()));
        return new OrgSlug(base + suffix);
    }

    @Override
    public String toString() {
        return value;
    }
}
