package com.cloudact.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The currencies and time zones an organization may choose, and the country each currency implies. */
public final class SupportedLocales {

    /** ISO 4217 code → {country, symbol, name, decimals}. */
    private static final Map<String, Currency> CURRENCIES = new LinkedHashMap<>();

    public static final List<String> TIMEZONES = List.of("UTC", "America/New_York", "America/Chicago",
            "America/Denver", "America/Los_Angeles", "Europe/London", "Europe/Paris", "Europe/Berlin", "Asia/Dubai",
            "Asia/Riyadh", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Asia/Shanghai", "Australia/Sydney",
            "Pacific/Auckland");

    public record Currency(String code, String country, String symbol, String name, int decimals) {
    }

    static {
        add("USD", "US", "$", "US Dollar", 2);
        add("EUR", "DE", "€", "Euro", 2);
        add("GBP", "GB", "£", "British Pound", 2);
        add("JPY", "JP", "¥", "Japanese Yen", 0);
        add("CHF", "CH", "CHF", "Swiss Franc", 2);
        add("CAD", "CA", "C$", "Canadian Dollar", 2);
        add("AUD", "AU", "A$", "Australian Dollar", 2);
        add("CNY", "CN", "¥", "Chinese Yuan", 2);
        add("INR", "IN", "₹", "Indian Rupee", 2);
        add("SGD", "SG", "S$", "Singapore Dollar", 2);
        add("HKD", "HK", "HK$", "Hong Kong Dollar", 2);
        add("NZD", "NZ", "NZ$", "New Zealand Dollar", 2);
        add("SEK", "SE", "kr", "Swedish Krona", 2);
        add("KRW", "KR", "₩", "South Korean Won", 0);
        add("AED", "AE", "د.إ", "UAE Dirham", 2);
        add("SAR", "SA", "﷼", "Saudi Riyal", 2);
        add("QAR", "QA", "﷼", "Qatari Riyal", 2);
        add("KWD", "KW", "د.ك", "Kuwaiti Dinar", 3);
        add("BHD", "BH", ".د.ب", "Bahraini Dinar", 3);
        add("OMR", "OM", "﷼", "Omani Rial", 3);
    }

    private SupportedLocales() {
    }

    private static void add(String code, String country, String symbol, String name, int decimals) {
        CURRENCIES.put(code, new Currency(code, country, symbol, name, decimals));
    }

    public static Optional<Currency> currency(String code) {
        return Optional.ofNullable(code == null ? null : CURRENCIES.get(code.trim().toUpperCase(java.util.Locale.ROOT)));
    }

    public static List<String> currencyCodes() {
        return List.copyOf(CURRENCIES.keySet());
    }

    public static boolean isSupportedTimezone(String zone) {
        return TIMEZONES.contains(zone);
    }
}
