package com.cloudact.api.subscriptions;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.catalog.TableCatalog;
import com.cloudact.platform.warehouse.SeedLoader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SaaS providers CloudAct knows by name (spec §7.2), each with its display name and category; any other
 * {@code ^[a-z0-9_]{2,50}$} id is a custom provider in category {@code other}.
 */
final class SaasProviders {

    static final Set<String> CATEGORIES = Set.of("llm_api", "ai", "design", "productivity", "communication",
            "development", "cloud", "other");
    private static final Pattern ID = Pattern.compile("^[a-z0-9_]{2,50}$");

    record Known(String id, String displayName, String category) {
    }

    /** The known providers: the seed of the {@code ref_saas_providers} reference table, the one list of them. */
    static final Map<String, Known> KNOWN = known();

    private SaasProviders() {
    }

    /** The provider of a path, lower-cased; 400 when it is not a provider id. */
    static String provider(String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER,
                    "Provider must be a known SaaS provider or a custom id matching ^[a-z0-9_]{2,50}$");
        }
        return value;
    }

    static Optional<Known> known(String provider) {
        return Optional.ofNullable(KNOWN.get(provider));
    }

    static String category(String provider) {
        return known(provider).map(Known::category).orElse("other");
    }

    static String displayName(String provider) {
        return known(provider).map(Known::displayName).orElseGet(() -> {
            String spaced = provider.replace('_', ' ');
            return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
        });
    }

    private static Map<String, Known> known() {
        List<List<String>> records = SeedLoader.read(TableCatalog.load().table("ref_saas_providers").seed()
                .orElseThrow());
        List<String> header = records.removeFirst();
        Map<String, Known> map = new LinkedHashMap<>();
        for (List<String> record : records) {
            String id = record.get(header.indexOf("provider"));
            map.put(id, new Known(id, record.get(header.indexOf("display_name")),
                    record.get(header.indexOf("category"))));
        }
        return Collections.unmodifiableMap(map);
    }
}
