package com.cloudact.pipeline.standins;

import com.cloudact.platform.providers.standins.StandIn;
import java.math.BigDecimal;

/**
 * DeepSeek's {@code GET /user/balance} as documented (provider-interfaces.md A4): Bearer API key, amounts as strings,
 * one entry per currency, and DeepSeek's error JSON for a wrong key.
 */
public final class DeepSeekStandIn extends StandIn {

    private final String apiKey;
    private volatile String balanceInfos = "";

    public DeepSeekStandIn(String apiKey) {
        this.apiKey = apiKey;
    }

    /** The balance entries served, as JSON objects ({@code {"currency": "USD", "total_balance": "110.00", ...}}). */
    public void balances(String... entries) {
        balanceInfos = String.join(", ", entries);
    }

    /** One currency's balance, with its granted and topped-up parts. */
    public static String balance(String currency, String granted, String toppedUp) {
        return "{\"currency\": \"" + currency + "\", \"total_balance\": \""
                + new BigDecimal(granted).add(new BigDecimal(toppedUp)).toPlainString()
                + "\", \"granted_balance\": \"" + granted + "\", \"topped_up_balance\": \"" + toppedUp + "\"}";
    }

    @Override
    protected Reply answer(Request request) {
        String auth = request.header("Authorization");
        if (auth == null || !auth.equals("Bearer " + apiKey)) {
            String last4 = auth == null || auth.length() < 4 ? "" : auth.substring(auth.length() - 4);
            return Reply.json(401, "{\"error\": {\"message\": \"Authentication Fails, Your api key: ****" + last4
                    + " is invalid\", \"type\": \"authentication_error\", \"param\": null, \"code\": \"invalid_request_error\"}}");
        }
        if (!request.path().equals("/user/balance")) {
            return Reply.json(404, "{\"error\": {\"message\": \"Not Found\", \"type\": \"invalid_request_error\"}}");
        }
        return Reply.json(200, "{\"is_available\": true, \"balance_infos\": [" + balanceInfos + "]}");
    }
}
