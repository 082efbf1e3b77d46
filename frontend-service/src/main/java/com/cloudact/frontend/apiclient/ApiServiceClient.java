package com.cloudact.frontend.apiclient;

import com.cloudact.frontend.FrontendProperties;
import com.cloudact.model.OrgSlug;
import com.cloudact.platform.auth.AuthHeaders;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frontend's only door to the API service. Calls carry the org's own API key; an error answer (Problem
 * Details) comes back as an {@link ApiCallException} with the API's status, code and message.
 */
@Component
public class ApiServiceClient {

    private final RestClient http;
    private final OrgKeys keys;
    private final JsonMapper json = JsonMapper.builder().build();

    ApiServiceClient(RestClient.Builder builder, FrontendProperties properties, OrgKeys keys) {
        this.http = builder.baseUrl(properties.apiServiceUrl().toString()).build();
        this.keys = keys;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record SummaryEnvelope(String currency, Summary summary) {
        @JsonIgnoreProperties(ignoreUnknown = true)
        private record Summary(BigDecimal totalBilledCost, BigDecimal totalEffectiveCost, BigDecimal totalSavings,
                               long recordCount, LocalDate firstChargeDate, LocalDate lastChargeDate,
                               List<String> providers, List<String> serviceCategories) {
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record TrendEnvelope(List<CostPointView> data) {
    }

    public CostSummaryView summary(OrgSlug org, LocalDate start, LocalDate end) {
        SummaryEnvelope body = get(org, "/api/v1/costs/{org}/summary?start_date={start}&end_date={end}",
                SummaryEnvelope.class, Map.of("org", org.value(), "start", start, "end", end));
        SummaryEnvelope.Summary s = body.summary();
        return new CostSummaryView(body.currency(), s.totalBilledCost(), s.totalEffectiveCost(), s.totalSavings(),
                s.recordCount(), s.firstChargeDate(), s.lastChargeDate(), s.providers(), s.serviceCategories());
    }

    public List<CostPointView> dailyTrend(OrgSlug org, LocalDate start, LocalDate end) {
        return get(org, "/api/v1/costs/{org}/trend?granularity=daily&start_date={start}&end_date={end}",
                TrendEnvelope.class, Map.of("org", org.value(), "start", start, "end", end)).data();
    }

    private <T> T get(OrgSlug org, String uri, Class<T> type, Map<String, Object> variables) {
        try {
            return http.get().uri(uri, variables).header(AuthHeaders.API_KEY, keys.keyOf(org)).retrieve().body(type);
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 403) {
                keys.forget(org);
            }
            throw problem(e);
        } catch (RestClientException e) {
            throw new ApiCallException(503, "SERVICE_UNAVAILABLE", "The API service is unreachable");
        }
    }

    private ApiCallException problem(RestClientResponseException e) {
        try {
            JsonNode body = json.readTree(e.getResponseBodyAsString());
            return new ApiCallException(e.getStatusCode().value(), body.path("error").asString("ERROR"),
                    body.path("detail").asString(e.getStatusText()));
        } catch (RuntimeException unreadable) {
            return new ApiCallException(e.getStatusCode().value(), "ERROR", e.getStatusText());
        }
    }
}
